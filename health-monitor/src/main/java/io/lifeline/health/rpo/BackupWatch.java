package io.lifeline.health.rpo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.events.backup.BackupFailed;
import io.lifeline.events.backup.BackupStarted;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Signal;
import io.lifeline.health.StoredWatch;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.repository.StateStore;
import io.lifeline.health.service.IncidentService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The recovery point objective, watched from the backup events: an incident ({@code backup.stale})
 * when a database's newest verified backup is older than the RPO, and a dead-man's alarm
 * ({@code backup.missed}) when a scheduled backup has not even started for longer than its period
 * plus grace. Both are resolved by the event that answers them. Idempotent: an event seen twice, or
 * an older one late, changes nothing.
 */
@ApplicationScoped
public class BackupWatch {

    public static final String KIND_STALE = "backup.stale";
    public static final String KIND_MISSED = "backup.missed";
    static final String PREFIX = "backup:";
    static final String STARTED = "watch-started";

    private static final Logger LOG = Logger.getLogger(BackupWatch.class);

    private final HealthMonitorConfig.Rpo config;
    private final IncidentService incidents;
    private final StateStore store;
    private final Clock clock;
    private final io.lifeline.health.service.Readiness readiness;
    private final Map<String, DatabaseBackups> databases = new ConcurrentHashMap<>();
    private volatile Instant watchedSince;
    private volatile boolean loaded;

    public BackupWatch(HealthMonitorConfig config, IncidentService incidents, StateStore store, Clock clock,
            io.lifeline.health.service.Readiness readiness) {
        this.config = config.rpo();
        this.incidents = incidents;
        this.store = store;
        this.clock = clock;
        this.readiness = readiness;
    }

    /** What the watch knows of one database's backups (persisted as JSON). */
    public record DatabaseBackups(String database, String newestBackupId, Instant newestCompletedAt,
            Instant lastStartedAt, String lastFailedBackupId, Instant lastFailedAt, String lastFailureReason) {

        DatabaseBackups withCompleted(BackupCompleted b) {
            if (newestCompletedAt != null && !b.completedAt().isAfter(newestCompletedAt)) {
                return this;
            }
            return new DatabaseBackups(database, b.backupId(), b.completedAt(), lastStartedAt, lastFailedBackupId,
                    lastFailedAt, lastFailureReason);
        }

        DatabaseBackups withStarted(Instant at) {
            if (lastStartedAt != null && !at.isAfter(lastStartedAt)) {
                return this;
            }
            return new DatabaseBackups(database, newestBackupId, newestCompletedAt, at, lastFailedBackupId,
                    lastFailedAt, lastFailureReason);
        }

        DatabaseBackups withFailed(BackupFailed f) {
            if (lastFailedAt != null && !f.failedAt().isAfter(lastFailedAt)) {
                return this;
            }
            return new DatabaseBackups(database, newestBackupId, newestCompletedAt, lastStartedAt, f.backupId(),
                    f.failedAt(), f.reason());
        }
    }

    /** One database's freshness as {@code GET /backups/freshness} shows it. */
    public record Freshness(String database, String backupId, Instant completedAt, Long ageSeconds,
            long rpoSeconds, boolean withinRpo, Instant lastStartedAt, Instant lastFailedAt,
            String lastFailureReason) {
    }

    public Uni<Void> reload() {
        return store.loadWatches().chain(rows -> {
            databases.clear();
            Instant started = null;
            for (StoredWatch row : rows) {
                if (row.name.startsWith(PREFIX)) {
                    DatabaseBackups known = store.read(row.body, DatabaseBackups.class);
                    databases.put(known.database(), known);
                } else if (row.name.equals(STARTED)) {
                    started = store.read(row.body, Instant.class);
                }
            }
            for (String database : watchedDatabases()) {
                databases.putIfAbsent(database, new DatabaseBackups(database, null, null, null, null, null, null));
            }
            loaded = true;
            if (started != null) {
                watchedSince = started;
                return Uni.createFrom().voidItem();
            }
            watchedSince = clock.instant();
            return store.saveWatch(STARTED, watchedSince);
        });
    }

    public Uni<Void> completed(BackupCompleted backup) {
        if (!backup.verified()) {
            return Uni.createFrom().voidItem(); // an unverified backup does not count towards the RPO
        }
        return update(backup.database(), known -> known.withCompleted(backup));
    }

    public Uni<Void> started(BackupStarted backup) {
        return update(backup.database(), known -> known.withStarted(backup.startedAt()));
    }

    public Uni<Void> failed(BackupFailed backup) {
        return update(backup.database(), known -> known.withFailed(backup));
    }

    public Map<String, Freshness> all() {
        Map<String, Freshness> view = new TreeMap<>();
        Instant now = clock.instant();
        databases.values().forEach(b -> {
            Long age = b.newestCompletedAt() == null ? null
                    : Duration.between(b.newestCompletedAt(), now).toSeconds();
            view.put(b.database(), new Freshness(b.database(), b.newestBackupId(), b.newestCompletedAt(), age,
                    config.maxAge().toSeconds(), age != null && age <= config.maxAge().toSeconds(),
                    b.lastStartedAt(), b.lastFailedAt(), b.lastFailureReason()));
        });
        return view;
    }

    @Scheduled(every = "${lifeline.health.rpo.check-interval:1m}", identity = "rpo-check",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> checkAll() {
        if (!loaded || !readiness.started()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(List.copyOf(databases.keySet()))
                .onItem().transformToUniAndConcatenate(this::check)
                .collect().last().replaceWithVoid()
                .onFailure().invoke(e -> LOG.error("backup freshness check failed", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> update(String database, java.util.function.UnaryOperator<DatabaseBackups> change) {
        DatabaseBackups before = databases.computeIfAbsent(database,
                d -> new DatabaseBackups(d, null, null, null, null, null, null));
        DatabaseBackups after = change.apply(before);
        if (after.equals(before)) {
            return check(database);
        }
        databases.put(database, after);
        return store.saveWatch(PREFIX + database, after).chain(() -> check(database));
    }

    /** Raises or clears this database's two incidents from what is known now. */
    Uni<Void> check(String database) {
        DatabaseBackups known = databases.get(database);
        Instant now = clock.instant();
        Instant since = watchedSince == null ? now : watchedSince;
        Uni<Void> work;
        Instant reference = known.newestCompletedAt() != null ? known.newestCompletedAt() : since;
        Duration age = Duration.between(reference, now);
        if (age.compareTo(config.maxAge()) > 0) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("database", database);
            detail.put("rpoSeconds", config.maxAge().toSeconds());
            detail.put("ageSeconds", age.toSeconds());
            if (known.newestBackupId() != null) {
                detail.put("newestBackupId", known.newestBackupId());
                detail.put("newestCompletedAt", known.newestCompletedAt().toString());
            }
            if (known.lastFailureReason() != null) {
                detail.put("lastFailedBackupId", known.lastFailedBackupId());
                detail.put("lastFailureReason", known.lastFailureReason());
            }
            String summary = known.newestBackupId() == null
                    ? String.format("no verified backup of %s in %d h (RPO %d h)", database, age.toHours(),
                            config.maxAge().toHours())
                    : String.format("newest verified backup of %s is %d h old (RPO %d h)", database, age.toHours(),
                            config.maxAge().toHours());
            work = incidents.raiseOnce(new FailureReport(database, KIND_STALE, config.severity(), summary,
                    new Signal("backup.stale", "health-monitor/rpo", now, detail), config.runbookUrl().orElse(null)));
        } else {
            work = incidents.clear(database, KIND_STALE, "verified backup " + known.newestBackupId()
                    + " is within the RPO");
        }
        HealthMonitorConfig.Rpo.Schedule schedule = config.schedules().get(database);
        if (schedule == null) {
            return work;
        }
        Instant lastStart = known.lastStartedAt() != null ? known.lastStartedAt() : since;
        Duration silent = Duration.between(lastStart, now);
        if (silent.compareTo(schedule.every().plus(schedule.grace())) > 0) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("database", database);
            detail.put("expectedEverySeconds", schedule.every().toSeconds());
            detail.put("graceSeconds", schedule.grace().toSeconds());
            detail.put("silentSeconds", silent.toSeconds());
            if (known.lastStartedAt() != null) {
                detail.put("lastStartedAt", known.lastStartedAt().toString());
            }
            String summary = String.format("no backup of %s has started for %d s (expected every %d s)", database,
                    silent.toSeconds(), schedule.every().toSeconds());
            return work.chain(() -> incidents.raiseOnce(new FailureReport(database, KIND_MISSED,
                    config.missedSeverity(), summary, new Signal("backup.missed", "health-monitor/rpo", now, detail),
                    config.runbookUrl().orElse(null))));
        }
        return work.chain(() -> incidents.clear(database, KIND_MISSED,
                "a backup started at " + known.lastStartedAt()));
    }

    private List<String> watchedDatabases() {
        List<String> all = new java.util.ArrayList<>(config.databases().orElse(List.of()));
        config.schedules().keySet().stream().filter(d -> !all.contains(d)).forEach(all::add);
        return all;
    }
}
