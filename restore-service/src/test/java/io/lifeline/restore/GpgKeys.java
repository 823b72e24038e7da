package io.lifeline.restore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway GnuPG home with one generated key pair, made with the real {@code gpg}: the same tool
 * a break-glass operator uses to open a backup without Lifeline.
 */
final class GpgKeys {

    final Path home;
    final Path publicKey;
    final Path secretKey;

    private GpgKeys(Path home) {
        this.home = home;
        this.publicKey = home.resolve("recipient.asc");
        this.secretKey = home.resolve("recipient-secret.asc");
    }

    static GpgKeys generate() throws IOException, InterruptedException {
        return generate("backup-test@lifeline.invalid");
    }

    static GpgKeys generate(String email) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("lifeline-gnupg-");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        GpgKeys keys = new GpgKeys(home);
        Path params = home.resolve("params");
        Files.writeString(params, String.join("\n", List.of("%no-protection", "Key-Type: RSA", "Key-Length: 2048",
                "Subkey-Type: RSA", "Subkey-Length: 2048", "Name-Real: Lifeline Backup Test",
                "Name-Email: " + email, "Expire-Date: 0", "%commit", "")));
        keys.gpg("--batch", "--gen-key", params.toString());
        Files.write(keys.publicKey, keys.gpg("--armor", "--export", email));
        Files.write(keys.secretKey, keys.gpg("--armor", "--export-secret-keys", email));
        return keys;
    }

    /** gpg leaves an agent running per home; a test must not leave processes behind. */
    void stopAgent() {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no gpgconf: nothing was started through it either
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    byte[] gpg(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch",
                "--yes", "--pinentry-mode", "loopback", "--passphrase", ""));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("gpg " + String.join(" ", args) + " failed: "
                    + new String(out, StandardCharsets.UTF_8));
        }
        return out;
    }
}
