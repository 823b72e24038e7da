package io.lifeline.archive.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files encrypted by the real {@code openssl enc -aes-256-cbc -salt -pass} (OpenSSL 3 defaults), opened in Java. */
class OpenSslDecryptionTest {

    @TempDir
    Path dir;

    @Test
    void opensWhatOpensslEncryptedWithItsDefaults() throws Exception {
        byte[] clear = new byte[1_000_003]; // not a multiple of the block size, several buffers long
        new Random(42).nextBytes(clear);
        Path encrypted = openssl(clear, "s3cret pass");

        assertThat(new String(Files.readAllBytes(encrypted), 0, 8)).isEqualTo("Salted__");
        try (InputStream in = OpenSslDecryption.decrypt(Files.newInputStream(encrypted), "s3cret pass".toCharArray())) {
            assertThat(in.readAllBytes()).isEqualTo(clear);
        }
    }

    @Test
    void aWrongPasswordOrATruncatedFileIsAnError() throws Exception {
        byte[] clear = "SELECT 1;\n".repeat(1000).getBytes();
        Path encrypted = openssl(clear, "right");
        byte[] whole = Files.readAllBytes(encrypted);

        assertThatThrownBy(() -> readAll(whole, "wrong")).isInstanceOf(IOException.class);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 7);
        assertThatThrownBy(() -> readAll(truncated, "right")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> readAll("not encrypted at all".getBytes(), "right"))
                .hasMessageContaining("Salted__");
    }

    @Test
    void keyDerivationIsEvpBytesToKeyWithSha256() {
        // openssl enc -aes-256-cbc -md sha256 -S 0102030405060708 -pass pass:password -P
        byte[] keyIv = OpenSslDecryption.bytesToKey("password".getBytes(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 48);
        assertThat(keyIv).hasSize(48);
        assertThat(java.util.HexFormat.of().formatHex(keyIv, 0, 32)).isEqualTo(opensslKey());
    }

    private static byte[] readAll(byte[] data, String password) throws IOException {
        try (InputStream in = OpenSslDecryption.decrypt(new ByteArrayInputStream(data), password.toCharArray())) {
            return in.readAllBytes();
        }
    }

    private Path openssl(byte[] clear, String password) throws Exception {
        Path plain = dir.resolve("plain");
        Path out = dir.resolve("enc-" + System.nanoTime());
        Files.write(plain, clear);
        ProcessBuilder pb = new ProcessBuilder("openssl", "enc", "-aes-256-cbc", "-salt", "-pass", "env:PASS",
                "-in", plain.toString(), "-out", out.toString()).redirectErrorStream(true);
        pb.environment().put("PASS", password);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return out;
    }

    private static String opensslKey() {
        try {
            Process p = new ProcessBuilder("openssl", "enc", "-aes-256-cbc", "-md", "sha256", "-S", "0102030405060708",
                    "-pass", "pass:password", "-P").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return out.lines().filter(l -> l.startsWith("key=")).findFirst().orElseThrow().substring(4).trim()
                    .toLowerCase();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
