package io.lifeline.restore.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.openpgp.PGPPublicKey;

import io.lifeline.archive.compress.Compression;
import io.lifeline.archive.crypto.OpenPgpEncryption;
import io.lifeline.archive.crypto.OpenPgpKeys;
import io.lifeline.restore.config.RestoreConfig;

/**
 * The old restore script's safety dump, done like any Lifeline backup: pg_dump (custom format) →
 * zstd → OpenPGP to the configured recipients, written under a temporary name and renamed when
 * complete. Never plaintext on disk; no recipients means no restore (fail closed).
 */
@ApplicationScoped
public class SafetyDumper {

    private final RestoreConfig config;

    public SafetyDumper(RestoreConfig config) {
        this.config = config;
    }

    /** Dumps {@code database}; returns the file's location. */
    public String dump(RestoreConfig.Target target, String database, String name) throws StageException {
        List<PGPPublicKey> recipients;
        try {
            recipients = OpenPgpKeys.encryptionKeys(config.safetyDump().recipients().orElse(List.of()));
        } catch (OpenPgpKeys.KeyException e) {
            throw new StageException("safety-dump", "no usable recipient key for the safety dump"
                    + " (lifeline.restore.safety-dump.recipients): " + e.getMessage());
        }
        Path dir = config.safetyDump().dir().toAbsolutePath();
        Path file = dir.resolve(name + ".dump.zst.gpg");
        Path partial = dir.resolve(name + ".dump.zst.gpg.partial");
        Path stderr = null;
        Process dump = null;
        boolean done = false;
        try {
            Files.createDirectories(dir);
            stderr = Files.createTempFile("lifeline-safety-", ".err");
            List<String> args = new ArrayList<>(List.of(config.pgDumpCommand(), "--format=custom", "--compress=0"));
            args.addAll(PgTools.connection(target, database));
            ProcessBuilder builder = PgTools.builder(target, args).redirectError(stderr.toFile());
            dump = PgTools.start(builder);
            try (InputStream in = dump.getInputStream(); OutputStream sink = Files.newOutputStream(partial);
                    OutputStream out = Compression.ZSTD.compress(
                            OpenPgpEncryption.encrypt(sink, recipients, name + ".dump.zst"), 1)) {
                in.transferTo(out);
            }
            int exit = PgTools.await(dump);
            if (exit != 0) {
                throw new StageException("safety-dump", "pg_dump of " + database + " exited with " + exit + ": "
                        + PgTools.tail(stderr));
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return file.toUri().toString();
        } catch (IOException e) {
            throw new StageException("safety-dump", "writing the safety dump failed: " + e.getMessage(), e);
        } finally {
            if (!done && dump != null) {
                dump.destroyForcibly();
            }
            if (!done) {
                PgTools.deleteQuietly(partial);
            }
            PgTools.deleteQuietly(stderr);
        }
    }
}
