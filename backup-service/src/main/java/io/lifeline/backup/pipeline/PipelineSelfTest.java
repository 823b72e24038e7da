package io.lifeline.backup.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.jboss.logging.Logger;

import io.lifeline.archive.compress.Compression;
import io.lifeline.archive.crypto.OpenPgpKeys;
import io.lifeline.backup.config.BackupConfig;
import io.lifeline.backup.store.LocalStore;
import io.lifeline.backup.store.S3MultipartOutputStream;
import io.lifeline.backup.store.S3Store;
import io.quarkus.runtime.StartupEvent;

/**
 * At start, checks pg_dump and each protected database (reachable, password accepted, versions
 * matching), then runs a sample of random bytes through the backup's own stages: compression, encryption
 * to the configured recipients, SHA-256, a file in the backup folder and a multipart upload to the
 * bucket, then deletes the file and aborts the upload (nothing is kept). A bad recipient key, a
 * read-only folder or a bucket that refuses writes is then reported when the service is deployed, not
 * at the next 02:00 backup; and the first backup after a start runs on compiled code instead of paying
 * the JIT's warm-up on the same cores (bench/README.md). Never stops the start: a problem is logged,
 * and the backup itself still fails closed.
 */
@ApplicationScoped
public class PipelineSelfTest {

    private static final Logger LOG = Logger.getLogger(PipelineSelfTest.class);
    private static final int CHUNK = 1 << 16;
    /** Objects of the self-test go under this "database" name in the bucket; none is ever completed. */
    static final String S3_FOLDER = ".self-test";

    private final BackupConfig config;
    private final BackupRunner runner;
    private final LocalStore local;
    private final S3Store s3;
    private volatile List<String> problems = List.of();
    private volatile boolean passed;
    private volatile boolean ran;
    private volatile boolean recipientsUsable = true;
    private volatile boolean pgDumpUsable = true;

    public PipelineSelfTest(BackupConfig config, BackupRunner runner, LocalStore local, S3Store s3) {
        this.config = config;
        this.runner = runner;
        this.local = local;
        this.s3 = s3;
    }

    void onStart(@Observes StartupEvent event) {
        long bytes = config.selfTestBytes();
        if (bytes <= 0) {
            return;
        }
        long start = System.nanoTime();
        List<String> found = run(bytes);
        problems = List.copyOf(found);
        passed = found.isEmpty();
        ran = true;
        if (passed) {
            LOG.infof("pipeline self-test: %d MiB compressed, encrypted, hashed, written and uploaded (then discarded)"
                    + " in %d ms", bytes >> 20, (System.nanoTime() - start) / 1_000_000);
        } else {
            LOG.warnf("pipeline self-test failed, backups will fail or lose a copy until this is fixed: %s",
                    String.join("; ", found));
        }
    }

    /** Whether the self-test ran at all (it is off with {@code self-test-bytes=0}). */
    public boolean ran() {
        return ran;
    }

    /**
     * False when no configured recipient key can encrypt: every backup would fail closed. A folder or
     * bucket problem leaves this true (a backup keeps the copy it can write).
     */
    public boolean recipientsUsable() {
        return recipientsUsable;
    }

    /** False when pg_dump is missing, or of another major version than a server it must dump. */
    public boolean pgDumpUsable() {
        return pgDumpUsable;
    }

    /** Whether the self-test ran and every stage passed. */
    public boolean passed() {
        return passed;
    }

    /** What the self-test found wrong, or null if it passed (or did not run). */
    public String problem() {
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    List<String> run(long bytes) {
        List<String> found = new ArrayList<>();
        checkSources(found);
        List<PGPPublicKey> recipients;
        try {
            recipients = OpenPgpKeys.encryptionKeys(config.encryption().recipients().orElse(List.of()));
        } catch (OpenPgpKeys.KeyException e) {
            recipientsUsable = false;
            found.add(e.getMessage());
            return found;
        }
        Path file = null;
        S3MultipartOutputStream remote = null;
        TeeOutputStream copies = null;
        try {
            Files.createDirectories(local.root());
            file = Files.createTempFile(local.root(), ".self-test-", ".partial");
            remote = s3.enabled() ? s3.create(S3_FOLDER, "sample-" + UUID.randomUUID()) : null;
            try (OutputStream disk = Files.newOutputStream(file)) {
                copies = new TeeOutputStream(disk, remote);
                // The encoding stream leaves the copies open: the upload is discarded below, never completed.
                try (OutputStream out = runner.encoding(new DigestOutputStream(copies, BackupRunner.sha256()),
                        Compression.of(config.compression()), recipients, "self-test")) {
                    writeSample(out, bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            found.add("compressing, encrypting and writing to the backup folder " + local.root() + ": "
                    + BackupRunner.describe(e));
        } finally {
            deleteQuietly(file);
        }
        if (remote != null) {
            Exception failure = copies == null ? null : copies.secondaryFailure();
            try {
                remote.discard();
            } catch (IOException | RuntimeException e) {
                failure = failure != null ? failure : e;
            }
            if (failure != null) {
                found.add("uploading to the bucket: " + BackupRunner.describe(failure));
            }
        }
        return found;
    }

    /**
     * pg_dump and every configured database: reachable, the password accepted, the versions matching.
     * A database that is down now is reported, not held against readiness: it may be the outage.
     */
    private void checkSources(List<String> found) {
        String pgDumpVersion;
        try {
            pgDumpVersion = PgDump.version(config.pgDumpCommand());
        } catch (BackupStageException e) {
            pgDumpUsable = false;
            found.add(e.getMessage());
            return;
        }
        config.databases().forEach((name, db) -> {
            try (PostgresSource source = PostgresSource.open(name, db)) {
                if (config.requireMatchingPgDump()) {
                    PgDump.requireMatching(pgDumpVersion, source.serverVersion());
                }
            } catch (BackupStageException e) {
                pgDumpUsable = false;
                found.add("database '" + name + "': " + e.getMessage());
            } catch (java.sql.SQLException e) {
                // The driver's message names host, port and the problem; it never carries the password.
                found.add("database '" + name + "' cannot be read now: " + e.getMessage());
            }
        });
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover sample is harmless (random bytes, encrypted) and named for what it is.
            }
        }
    }

    /** Random bytes do not compress, so encryption, hashing and both copies see the whole sample. */
    private static void writeSample(OutputStream out, long bytes) throws IOException {
        byte[] chunk = new byte[CHUNK];
        SplittableRandom random = new SplittableRandom(1);
        for (long done = 0; done < bytes; done += CHUNK) {
            for (int i = 0; i < CHUNK; i += 8) {
                long v = random.nextLong();
                for (int b = 0; b < 8; b++) {
                    chunk[i + b] = (byte) (v >>> (8 * b));
                }
            }
            out.write(chunk, 0, (int) Math.min(CHUNK, bytes - done));
        }
    }
}
