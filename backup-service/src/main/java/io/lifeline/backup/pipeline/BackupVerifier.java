package io.lifeline.backup.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;

import io.lifeline.backup.config.BackupConfig;
import io.lifeline.archive.compress.Compression;
import io.lifeline.archive.crypto.OpenPgpEncryption;
import io.lifeline.archive.crypto.OpenPgpKeys;
import io.lifeline.archive.manifest.Manifest;
import io.lifeline.archive.manifest.Verification;
import io.lifeline.backup.store.LocalStore;
import io.lifeline.backup.store.S3Store;

/**
 * Reads a stored backup back from every location: its SHA-256 must match the manifest; with a
 * verification key it is also decrypted (integrity-checked), decompressed to nowhere, and its
 * archive must list every table the manifest counted.
 */
@ApplicationScoped
public class BackupVerifier {

    private final BackupConfig config;
    private final LocalStore local;
    private final S3Store s3;
    private final Clock clock;

    public BackupVerifier(BackupConfig config, LocalStore local, S3Store s3, Clock clock) {
        this.config = config;
        this.local = local;
        this.s3 = s3;
        this.clock = clock;
    }

    public Verification verify(Manifest manifest) {
        Optional<PGPSecretKeyRingCollection> key = config.encryption().verifyKey().map(OpenPgpKeys::secretKeys);
        List<Verification.LocationCheck> checks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String location : manifest.locations()) {
            Verification.LocationCheck check = check(manifest, location, key);
            checks.add(check);
            if (!check.ok()) {
                problems.add(location + ": " + check.detail());
            }
        }
        return new Verification(manifest.backupId(), clock.instant(), problems.isEmpty() && !checks.isEmpty(),
                key.isPresent() ? "full" : "checksum", checks, problems);
    }

    private Verification.LocationCheck check(Manifest manifest, String location,
            Optional<PGPSecretKeyRingCollection> key) {
        MessageDigest sha256 = sha256();
        try (InputStream raw = open(location); DigestInputStream stored = new DigestInputStream(raw, sha256)) {
            String archiveProblem = null;
            if (key.isPresent()) {
                archiveProblem = checkArchive(manifest, stored, key.get());
            }
            stored.transferTo(OutputStream.nullOutputStream()); // the checksum covers every stored byte
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (!actual.equals(manifest.object().sha256())) {
                return new Verification.LocationCheck(location, false,
                        "SHA-256 " + actual + " does not match the manifest's " + manifest.object().sha256());
            }
            if (archiveProblem != null) {
                return new Verification.LocationCheck(location, false, archiveProblem);
            }
            return new Verification.LocationCheck(location, true,
                    key.isPresent() ? "checksum, decryption, decompression and archive listing passed" : "checksum passed");
        } catch (IOException | RuntimeException e) {
            return new Verification.LocationCheck(location, false, BackupRunner.describe(e));
        }
    }

    /** Decrypts and decompresses; returns a problem, or null when the archive lists every table. */
    private String checkArchive(Manifest manifest, InputStream stored, PGPSecretKeyRingCollection key) {
        char[] passphrase = config.encryption().verifyKeyPassphrase().orElse("").toCharArray();
        try (InputStream decrypted = OpenPgpEncryption.decrypt(stored, key, passphrase);
                InputStream clear = Compression.of(manifest.compression()).decompress(decrypted)) {
            Set<String> listed = "plain".equals(manifest.format()) ? tablesInPlainDump(clear) : tablesInArchive(clear);
            // The decompressor may stop at the end of its frame: read the rest, where the integrity check runs.
            decrypted.transferTo(OutputStream.nullOutputStream());
            List<String> missing = manifest.tableRowCounts().keySet().stream()
                    .filter(t -> !listed.contains(t.replace("\"", "").toLowerCase(Locale.ROOT))).toList();
            return missing.isEmpty() ? null : "the archive does not contain tables " + missing;
        } catch (IOException e) {
            return BackupRunner.describe(e);
        }
    }

    private Set<String> tablesInPlainDump(InputStream clear) throws IOException {
        Set<String> tables = new HashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(clear, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("CREATE TABLE ")) {
                tables.add(line.substring("CREATE TABLE ".length()).split("[ (]")[0].replace("\"", "")
                        .toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /** pg_restore --list reads the archive's table of contents from stdin. */
    private Set<String> tablesInArchive(InputStream clear) throws IOException {
        Path listing = Files.createTempFile("lifeline-toc-", ".txt");
        try {
            Process restore = new ProcessBuilder(config.pgRestoreCommand(), "--list")
                    .redirectOutput(listing.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream stdin = restore.getOutputStream()) {
                clear.transferTo(stdin);
            } catch (IOException brokenPipe) {
                // pg_restore stops reading once it has the table of contents; the rest is still read below.
            }
            clear.transferTo(OutputStream.nullOutputStream());
            int exit = restore.waitFor();
            if (exit != 0) {
                throw new IOException("pg_restore --list exited with " + exit);
            }
            Set<String> tables = new HashSet<>();
            for (String line : Files.readAllLines(listing)) {
                // e.g. "215; 1259 16386 TABLE public songs postgres"
                String[] parts = line.split(" ");
                for (int i = 0; i + 2 < parts.length; i++) {
                    if (parts[i].equals("TABLE") && !line.startsWith(";")) {
                        tables.add((parts[i + 1] + "." + parts[i + 2]).toLowerCase(Locale.ROOT));
                        break;
                    }
                }
            }
            return tables;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(listing);
        }
    }

    private InputStream open(String location) throws IOException {
        if (LocalStore.owns(location)) {
            return local.open(location);
        }
        if (S3Store.owns(location)) {
            return s3.open(location);
        }
        throw new IOException("unknown location " + location);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
