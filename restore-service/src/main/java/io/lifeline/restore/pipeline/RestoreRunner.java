package io.lifeline.restore.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.restore.BackupSelector;
import io.lifeline.events.restore.RestoreVerification;
import io.lifeline.restore.archive.BackupCatalog;
import io.lifeline.restore.archive.Candidate;
import io.lifeline.restore.config.RestoreConfig;

/**
 * One restore (or drill), start to end, on the calling (worker) thread. The target is written
 * exactly once, by the swap at the very end: every check happens before (on the backup) or
 * beside it (on the restored copy), so a failure or a kill anywhere earlier leaves it untouched.
 */
@ApplicationScoped
public class RestoreRunner {

    private static final Logger LOG = Logger.getLogger(RestoreRunner.class);
    private static final int MAX_DB_NAME = 63;
    /** Restores and drills running in this process: their scratch databases are not leftovers. */
    private static final java.util.Set<String> ACTIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final RestoreConfig config;
    private final BackupCatalog catalog;
    private final BackupPreparer preparer;
    private final SafetyDumper safety;
    private final RestoreVerifier verifier;

    public RestoreRunner(RestoreConfig config, BackupCatalog catalog, BackupPreparer preparer, SafetyDumper safety,
            RestoreVerifier verifier) {
        this.config = config;
        this.catalog = catalog;
        this.preparer = preparer;
        this.safety = safety;
        this.verifier = verifier;
    }

    /** @param drill restore into a scratch database, verify, drop it; never swap */
    public record Job(String restoreId, String target, BackupSelector selector, boolean drill) {
    }

    /** Told as the restore goes, so that its status can be shown and its events published. */
    public interface Listener {
        /** A stage begins; {@code timings} are those of the stages so far. */
        void stage(String stage, java.util.Map<String, Long> timings);

        /** The backup passed every check; the restore proper begins. */
        void started(Candidate backup, List<String> skipped);
    }

    public record Outcome(boolean success, Candidate backup, String failedStage, String reason, boolean targetUntouched,
            RestoreVerification verification, List<String> skipped, String safetyDump, String previousCopy,
            List<String> warnings, StageClock clock, boolean integrityOk, boolean restoreOk) {
    }

    public static String scratchName(String targetDb, String restoreId, String kind) {
        String suffix = "_" + kind + "_" + restoreId;
        return targetDb.substring(0, Math.min(targetDb.length(), MAX_DB_NAME - suffix.length())) + suffix;
    }

    public static boolean active(String databaseName) {
        return ACTIVE.stream().anyMatch(databaseName::endsWith);
    }

    public Outcome run(Job job, Listener listener) {
        ACTIVE.add(job.restoreId());
        try {
            return runTracked(job, listener);
        } finally {
            ACTIVE.remove(job.restoreId());
        }
    }

    private Outcome runTracked(Job job, Listener listener) {
        StageClock clock = new StageClock();
        List<String> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        RestoreConfig.Target target = config.targets().get(job.target());
        String targetDb = target.dbname().orElse(job.target());
        DatabaseAdmin admin = new DatabaseAdmin(target);
        String scratch = scratchName(targetDb, job.restoreId(), job.drill() ? "drill" : "restore");
        String previous = scratchName(targetDb, job.restoreId(), "pre");
        Path work = config.workDir().toAbsolutePath().resolve(job.restoreId());
        Candidate backup = null;
        boolean integrityOk = false;
        boolean restoreOk = false;
        boolean swapped = false;
        String safetyDump = null;
        RestoreVerification verification = null;
        String stage = "connect";
        try {
            clock.start(stage);
            listener.stage(stage, clock.snapshot());
            boolean targetExists = connect(admin, targetDb);

            stage = "select";
            clock.start(stage);
            listener.stage(stage, clock.snapshot());
            BackupCatalog.Selection selection = catalog.select(job.target(), job.selector());
            warnings.addAll(selection.notes());
            skipped.addAll(selection.passedOver());
            if (selection.toTry().isEmpty()) {
                throw new StageException("select", nothingSelected(job));
            }
            Prepared prepared = null;
            Files.createDirectories(work.getParent());
            for (Candidate candidate : selection.toTry()) {
                backup = candidate;
                stage = "fetch";
                listener.stage(stage, clock.snapshot());
                recreate(work);
                try {
                    prepared = preparer.prepare(candidate, work, clock);
                    break;
                } catch (StageException e) {
                    skipped.add(candidate.backupId() + ": " + e.stage() + ": " + e.getMessage());
                    LOG.warnf("restore %s: backup %s rejected at %s: %s", job.restoreId(), candidate.backupId(),
                            e.stage(), e.getMessage());
                    if (BackupSelector.KIND_ID.equals(job.selector().kind())) {
                        List<String> older = catalog.olderVerified(job.target(), candidate.backupId(), 1);
                        throw new StageException(e.stage(), "backup " + candidate.backupId() + " is not usable ("
                                + e.getMessage() + ")" + (older.isEmpty() ? "; no older verified backup exists"
                                        : "; the next older verified backup is " + older.get(0)
                                                + ": request it by id or with latest-verified"));
                    }
                }
            }
            if (prepared == null) {
                throw new StageException(stageOf(skipped), "no usable backup: every candidate failed its checks");
            }
            integrityOk = true;
            warnings.addAll(prepared.notes());
            listener.started(backup, List.copyOf(skipped));

            if (!job.drill()) {
                if (targetExists) {
                    stage = "safety-dump";
                    clock.start(stage);
                    listener.stage(stage, clock.snapshot());
                    safetyDump = safety.dump(target, targetDb, previous);
                } else {
                    warnings.add("target database " + targetDb + " did not exist: restored as a new database");
                }
            }

            stage = "restore";
            clock.start(stage);
            listener.stage(stage, clock.snapshot());
            admin.dropIfExists(scratch);
            admin.create(scratch);
            restore(target, scratch, prepared);
            restoreOk = true;

            stage = "verify-restore";
            clock.start(stage);
            listener.stage(stage, clock.snapshot());
            RestoreVerifier.Result checked = verifier.verify(admin, target, scratch, prepared);
            verification = checked.verification();
            warnings.addAll(checked.notes());
            if (!verification.passed()) {
                throw new StageException("verify-restore", "the restored database is not complete: "
                        + String.join("; ", concat(verification.mismatches(), verification.missingObjects(),
                                Boolean.FALSE.equals(verification.amcheckClean()) ? List.of("pg_amcheck failed")
                                        : List.of())));
            }
            if (job.drill()) {
                clock.stop();
                return new Outcome(true, backup, null, null, true, verification, skipped, null, null, warnings, clock,
                        true, true);
            }

            stage = "swap";
            clock.start(stage);
            listener.stage(stage, clock.snapshot());
            admin.swap(targetDb, scratch, targetExists ? previous : null);
            swapped = true;

            stage = "retention";
            clock.start(stage);
            listener.stage(stage, clock.snapshot());
            retention(admin, targetDb, warnings);
            clock.stop();
            return new Outcome(true, backup, null, null, false, verification, skipped, safetyDump,
                    targetExists ? previous : null, warnings, clock, true, true);
        } catch (StageException e) {
            clock.stop();
            return failure(job, backup, e.stage(), e.getMessage(), verification, skipped, safetyDump, warnings, clock,
                    integrityOk, restoreOk);
        } catch (SQLException e) {
            clock.stop();
            return failure(job, backup, stage, "PostgreSQL: " + e.getMessage(), verification, skipped, safetyDump,
                    warnings, clock, integrityOk, restoreOk);
        } catch (IOException | RuntimeException e) {
            clock.stop();
            LOG.errorf(e, "restore %s failed at %s", job.restoreId(), stage);
            return failure(job, backup, stage, BackupCatalog.describe(e), verification, skipped, safetyDump, warnings,
                    clock, integrityOk, restoreOk);
        } finally {
            deleteTree(work);
            if (!swapped) {
                try {
                    admin.dropIfExists(scratch);
                } catch (SQLException e) {
                    LOG.warnf("restore %s: could not drop %s (dropped at the next start): %s", job.restoreId(),
                            scratch, e.getMessage());
                }
            }
        }
    }

    private static Outcome failure(Job job, Candidate backup, String stage, String reason,
            RestoreVerification verification, List<String> skipped, String safetyDump, List<String> warnings,
            StageClock clock, boolean integrityOk, boolean restoreOk) {
        // Only the swap writes the target, and it is one transaction: any failure leaves it untouched.
        return new Outcome(false, backup, stage, reason, true, verification, skipped, safetyDump, null, warnings,
                clock, integrityOk, restoreOk);
    }

    private boolean connect(DatabaseAdmin admin, String targetDb) throws StageException {
        try {
            return admin.exists(targetDb);
        } catch (SQLException e) {
            throw new StageException("connect", "the target's server is unreachable: " + e.getMessage(), e);
        }
    }

    private String nothingSelected(Job job) {
        BackupSelector s = job.selector();
        return switch (s.kind()) {
            case BackupSelector.KIND_ID -> "unknown backup '" + s.backupId() + "' for " + job.target();
            case BackupSelector.KIND_LATEST_VERIFIED -> "no verified backup of " + job.target() + " was found";
            default -> "no usable backup of " + job.target() + " taken before " + s.before();
        };
    }

    private static String stageOf(List<String> skipped) {
        for (int i = skipped.size() - 1; i >= 0; i--) {
            String[] parts = skipped.get(i).split(": ", 3);
            if (parts.length == 3) {
                return parts[1];
            }
        }
        return "select";
    }

    private void restore(RestoreConfig.Target target, String database, Prepared prepared) throws StageException {
        List<String> args = new ArrayList<>();
        if (prepared.backup().plainSql()) {
            args.addAll(List.of(config.psqlCommand(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction",
                    "-f", prepared.dump().toString()));
        } else {
            args.addAll(List.of(config.pgRestoreCommand(), "--exit-on-error", "--jobs=" + Math.max(1, config.jobs())));
        }
        args.addAll(PgTools.connection(target, database));
        if (!prepared.backup().plainSql()) {
            args.add(prepared.dump().toString());
        }
        ProcessBuilder builder = PgTools.builder(target, args);
        builder.environment().put("PGOPTIONS", config.restoreSessionOptions());
        PgTools.run("restore", prepared.backup().plainSql() ? "psql" : "pg_restore", builder);
    }

    /** Keeps the newest {@code keep-previous} pre-restore copies (ids sort by time); drops the rest. */
    private void retention(DatabaseAdmin admin, String targetDb, List<String> warnings) {
        try {
            List<String> copies = new ArrayList<>(admin.namesStartingWith(targetDb + "_pre_"));
            copies.sort(Comparator.reverseOrder());
            for (String old : copies.subList(Math.min(copies.size(), Math.max(0, config.keepPrevious())),
                    copies.size())) {
                admin.dropIfExists(old);
                LOG.infof("retention: dropped the old pre-restore copy %s", old);
            }
        } catch (SQLException e) {
            warnings.add("retention of old copies failed: " + e.getMessage());
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            if (l != null) {
                all.addAll(l);
            }
        }
        return all;
    }

    private static void recreate(Path work) throws IOException {
        deleteTree(work);
        Files.createDirectory(work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(PgTools::deleteQuietly);
        } catch (IOException e) {
            LOG.warnf("could not empty %s: %s", dir, e.getMessage());
        }
    }
}
