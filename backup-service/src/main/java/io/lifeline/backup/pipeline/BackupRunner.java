package io.lifeline.backup.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.jboss.logging.Logger;

import io.lifeline.backup.config.BackupConfig;
import io.lifeline.archive.compress.Compression;
import io.lifeline.archive.crypto.OpenPgpEncryption;
import io.lifeline.archive.crypto.OpenPgpKeys;
import io.lifeline.archive.manifest.Manifest;
import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.backup.store.LocalStore;
import io.lifeline.backup.store.S3MultipartOutputStream;
import io.lifeline.backup.store.S3Store;

/**
 * One backup, in one pass with bounded memory: pg_dump (on an exported snapshot) → compression →
 * OpenPGP encryption → SHA-256 → the local folder and S3 at once. Nothing reaches a disk before it
 * is encrypted; a copy becomes visible (renamed, multipart completed) only once pg_dump succeeded,
 * so a failed run never leaves a half backup, and never touches an earlier one.
 */
@ApplicationScoped
public class BackupRunner {

    private static final Logger LOG = Logger.getLogger(BackupRunner.class);
    private static final int PIPE_BUFFER = 1 << 16;

    private final BackupConfig config;
    private final LocalStore local;
    private final S3Store s3;
    private final ManifestCodec manifests;
    private final Clock clock;
    // The pg_dump processes of the backups running now, and whether the service is stopping: a backup
    // the shutdown aborts fails like any other (its partial file removed, its S3 upload aborted).
    private final java.util.Set<Process> dumps = new java.util.HashSet<>();
    private boolean stopping;

    public BackupRunner(BackupConfig config, LocalStore local, S3Store s3, ManifestCodec manifests, Clock clock) {
        this.config = config;
        this.local = local;
        this.s3 = s3;
        this.manifests = manifests;
        this.clock = clock;
    }

    public record Job(String backupId, String requestId, String database, String trigger, BackupProgress progress) {
    }

    /** The manifest of the stored backup, plus what did not go perfectly. */
    public record Result(Manifest manifest, List<String> warnings) {
    }

    public Result run(Job job) throws BackupStageException {
        BackupConfig.Database db = config.databases().get(job.database());
        if (db == null) {
            throw new BackupStageException("preflight", "no database named '" + job.database() + "' is configured");
        }
        Compression compression = Compression.of(config.compression());
        String format = "plain".equals(config.format()) ? "plain" : "custom";
        job.progress().stage("preflight");
        List<PGPPublicKey> recipients = recipients();
        String pgDumpVersion = PgDump.version(config.pgDumpCommand());
        String objectName = ManifestCodec.objectName(job.backupId(), format, compression.extension());
        List<String> warnings = new ArrayList<>();

        job.progress().stage("snapshot");
        try (PostgresSource source = openSource(job.database(), db)) {
            if (config.requireMatchingPgDump()) {
                PgDump.requireMatching(pgDumpVersion, source.serverVersion());
            }
            // pg_dump imports the snapshot when it starts; counting rows in the exporting transaction
            // meanwhile (another connection, the same snapshot) keeps the counts off the critical path.
            java.util.concurrent.CompletableFuture<Map<String, Long>> counting = new java.util.concurrent.CompletableFuture<>();
            Stored stored = dumpAndStore(job, db, source.snapshot(), format, compression, recipients, objectName,
                    () -> new Thread(() -> {
                        try {
                            counting.complete(source.rowCounts());
                        } catch (SQLException | RuntimeException e) {
                            counting.completeExceptionally(e);
                        }
                    }, "row-counts-" + job.backupId()).start());
            Map<String, Long> rowCounts = rowCounts(job.database(), counting);
            List<String> locations = new ArrayList<>();
            locations.add(local.location(job.database(), objectName));
            if (s3.enabled()) {
                String s3Problem = stored.s3Failure == null ? null
                        : uploadWithRetries(job, stored.localFile, objectName, stored.s3Failure);
                if (s3Problem == null) {
                    locations.add(s3.location(job.database(), objectName));
                } else {
                    warnings.add("S3 copy missing, local copy kept: " + s3Problem);
                }
            }
            Manifest.Artefacts artefacts = storeArtefacts(job, recipients, warnings);
            Manifest manifest = new Manifest(Manifest.VERSION, job.backupId(), job.requestId(), job.database(),
                    job.trigger(), job.progress().startedAt(), clock.instant(), source.serverVersion(), pgDumpVersion,
                    format, compression.wireName(),
                    new Manifest.Encryption("openpgp", "AES-256", true,
                            recipients.stream().map(OpenPgpKeys::keyId).toList()),
                    new Manifest.StoredObject(objectName, stored.size, stored.sha256, job.progress().dumpBytes().get()),
                    List.copyOf(locations), rowCounts, artefacts);
            job.progress().stage("manifest");
            writeManifest(manifest, warnings);
            return new Result(manifest, warnings);
        }
    }

    private List<PGPPublicKey> recipients() throws BackupStageException {
        try {
            return OpenPgpKeys.encryptionKeys(config.encryption().recipients().orElse(List.of()));
        } catch (OpenPgpKeys.KeyException e) {
            throw new BackupStageException("encrypt", e.getMessage());
        }
    }

    private static PostgresSource openSource(String name, BackupConfig.Database db) throws BackupStageException {
        try {
            return PostgresSource.open(name, db);
        } catch (SQLException e) {
            // The driver's message names host, port and the problem; it never carries the password.
            throw new BackupStageException("connect", "cannot read database '" + name + "': " + e.getMessage());
        }
    }

    /** The configuration artefacts, as a second encrypted object beside the dump (or null if none). */
    private Manifest.Artefacts storeArtefacts(Job job, List<PGPPublicKey> recipients, List<String> warnings)
            throws BackupStageException {
        List<Path> paths = config.artefacts().orElse(List.of());
        if (paths.isEmpty()) {
            return null;
        }
        job.progress().stage("artefacts");
        String name = ManifestCodec.artefactsName(job.backupId());
        Path file = local.path(job.database(), name);
        try {
            ArtefactArchiver.Archived archived = ArtefactArchiver.archive(paths, file, recipients);
            archived.missing().forEach(m -> warnings.add("configuration artefact not found: " + m));
            List<String> locations = new ArrayList<>(List.of(local.location(job.database(), name)));
            if (s3.enabled()) {
                try {
                    s3.upload(file, job.database(), name);
                    locations.add(s3.location(job.database(), name));
                } catch (IOException | RuntimeException e) {
                    warnings.add("S3 copy of the configuration artefacts missing: " + describe(e));
                }
            }
            return new Manifest.Artefacts(name, archived.sizeBytes(), archived.sha256(), archived.files(), locations);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new BackupStageException("artefacts", "archiving the configuration artefacts failed: "
                    + e.getMessage(), e);
        }
    }

    private static Map<String, Long> rowCounts(String name,
            java.util.concurrent.CompletableFuture<Map<String, Long>> counting) throws BackupStageException {
        try {
            return counting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupStageException("snapshot", "interrupted while counting rows");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new BackupStageException("snapshot", "cannot count the rows of '" + name + "': "
                    + e.getCause().getMessage());
        }
    }

    private record Stored(Path localFile, long size, String sha256, Exception s3Failure) {
    }

    private Stored dumpAndStore(Job job, BackupConfig.Database db, String snapshot, String format,
            Compression compression, List<PGPPublicKey> recipients, String objectName, Runnable onDumpStarted)
            throws BackupStageException {
        Path finalFile = local.path(job.database(), objectName);
        Path partial = finalFile.resolveSibling(objectName + ".partial");
        Path stderr = null;
        Process dump = null;
        S3MultipartOutputStream remote = null;
        boolean success = false;
        try {
            Files.createDirectories(finalFile.getParent());
            stderr = Files.createTempFile("lifeline-pg_dump-", ".err");
            job.progress().stage("dump");
            long started = System.nanoTime();
            dump = startDump(job, db, snapshot, format, stderr);
            onDumpStarted.run();
            remote = s3.enabled() ? s3.create(job.database(), objectName) : null;
            MessageDigest sha256 = sha256();
            TeeOutputStream copies = new TeeOutputStream(Files.newOutputStream(partial), remote);
            OutputStream stored = new CountingOutputStream(new DigestOutputStream(copies, sha256),
                    job.progress().storedBytes());
            try (InputStream in = dump.getInputStream();
                    OutputStream pipeline = new CountingOutputStream(
                            encoding(stored, compression, recipients, objectName.substring(0, objectName.length() - 4)),
                            job.progress().dumpBytes())) {
                copy(in, pipeline);
            }
            int exit = dump.waitFor();
            if (exit != 0) {
                throw new BackupStageException("dump", "pg_dump exited with " + exit + ": " + PgDump.stderrTail(stderr));
            }
            long dumped = System.nanoTime();
            job.progress().stage("store");
            stored.close();
            LOG.infof("backup %s: pg_dump finished after %d ms; copies complete %d ms later", job.backupId(),
                    (dumped - started) / 1_000_000, (System.nanoTime() - dumped) / 1_000_000);
            Files.move(partial, finalFile, StandardCopyOption.ATOMIC_MOVE);
            success = true;
            if (copies.secondaryFailure() != null && remote != null) {
                remote.abort();
            }
            return new Stored(finalFile, job.progress().storedBytes().get(), HexFormat.of().formatHex(sha256.digest()),
                    copies.secondaryFailure());
        } catch (IOException e) {
            throw new BackupStageException("write", "writing the backup failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupStageException("dump", "interrupted");
        } finally {
            if (dump != null) {
                forget(dump);
            }
            if (!success) {
                if (dump != null) {
                    dump.destroyForcibly();
                }
                if (remote != null) {
                    remote.abort();
                }
                deleteQuietly(partial);
            }
            deleteQuietly(stderr);
        }
    }

    private synchronized Process startDump(Job job, BackupConfig.Database db, String snapshot, String format,
            Path stderr) throws IOException, BackupStageException {
        if (stopping) {
            throw new BackupStageException("dump", "backup-service is stopping");
        }
        Process dump = PgDump.start(config.pgDumpCommand(), job.database(), db, snapshot, format, stderr);
        dumps.add(dump);
        return dump;
    }

    private synchronized void forget(Process dump) {
        dumps.remove(dump);
    }

    /**
     * On shutdown: no pg_dump starts any more, and the running ones are stopped. Their backups end as
     * failures through the usual path, which removes the partial file; a finished copy is never touched.
     */
    public synchronized void abortAll() {
        stopping = true;
        dumps.forEach(Process::destroyForcibly);
    }

    /**
     * Compression, then OpenPGP encryption, into {@code stored}: the stages every backup's bytes go
     * through (the start-up self-test runs its sample through this same method). Closing it leaves
     * {@code stored} open.
     */
    OutputStream encoding(OutputStream stored, Compression compression, List<PGPPublicKey> recipients,
            String literalName) throws IOException {
        return compression.compress(OpenPgpEncryption.encrypt(stored, recipients, literalName), config.zstdLevel(),
                config.zstdWorkers());
    }

    /** Like transferTo, with a buffer as large as a pipe delivers at once (transferTo's 8 KiB costs more calls). */
    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[PIPE_BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
    }

    /** S3 failed during the stream: the local copy is complete, so upload it again, with backoff. */
    private String uploadWithRetries(Job job, Path file, String objectName, Exception first) {
        String problem = describe(first);
        Duration backoff = config.s3().uploadBackoff();
        for (int attempt = 1; attempt <= config.s3().uploadAttempts(); attempt++) {
            LOG.warnf("backup %s: S3 copy failed (%s); upload attempt %d of %d in %s", job.backupId(), problem, attempt,
                    config.s3().uploadAttempts(), backoff);
            try {
                Thread.sleep(backoff.toMillis());
                s3.upload(file, job.database(), objectName);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            } catch (IOException | RuntimeException e) {
                problem = describe(e);
                backoff = backoff.multipliedBy(2);
            }
        }
        return problem + " (after " + config.s3().uploadAttempts() + " attempts)";
    }

    private void writeManifest(Manifest manifest, List<String> warnings) throws BackupStageException {
        byte[] json = manifests.encode(manifest);
        String name = ManifestCodec.manifestName(manifest.backupId());
        try {
            local.writeAtomically(manifest.database(), name, json);
        } catch (IOException e) {
            throw new BackupStageException("manifest", "cannot write the local manifest: " + e.getMessage(), e);
        }
        if (manifest.locations().stream().anyMatch(S3Store::owns)) {
            try {
                s3.put(manifest.database(), name, json);
            } catch (RuntimeException e) {
                warnings.add("S3 manifest not written: " + describe(e));
            }
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temp file is harmless; the backup's outcome is what matters.
            }
        }
    }
}
