package io.lifeline.health.rpo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.events.backup.BackupFailed;
import io.lifeline.events.backup.BackupRequested;
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
 * ({@code backup.missed}) when the backup-service's schedule (its cron, by default the plan's 02:00 UTC)
 * fired and no scheduled backup started within the grace after it (or, for a schedule given as a
 * period, none for longer than the period plus grace). Both are resolved by the event that answers
 * them. Idempotent: an event seen twice, or an older one late, changes nothing.
 */
@ApplicationScoped
public class BackupWatch {

    public static final String KIND_STALE = "backup.stale";
    public static final String KIND_MISSED = "backup.missed";
    static final String PREFIX = "backup:";
    static final String STARTED = "watch-started";

    private static final Logger LOG = Logger.getLogger(BackupWatch.class);
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final Duration MAX_SKEW = Duration.ofMinutes(1);
    private static final Set<String> OFF = Set.of("off", "disabled", "none", "-");

    private final Map<String, Cron> parsed = new ConcurrentHashMap<>();

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

    /**
     * What the watch knows of one database's backups (persisted as JSON).
     *
     * @param lastScheduledStartedAt the newest {@code backup.started} of trigger {@code schedule}: what the
     *                               cron dead-man's switch waits for (a manual backup does not prove the
     *                               scheduler alive)
     */
    public record DatabaseBackups(String database, String newestBackupId, Instant newestCompletedAt,
            Instant lastStartedAt, String lastFailedBackupId, Instant lastFailedAt, String lastFailureReason,
            Instant lastScheduledStartedAt) {

        static DatabaseBackups none(String database) {
            return new DatabaseBackups(database, null, null, null, null, null, null, null);
        }

        DatabaseBackups withCompleted(BackupCompleted b) {
            if (newestCompletedAt != null && !b.completedAt().isAfter(newestCompletedAt)) {
                return this;
            }
            return new DatabaseBackups(database, b.backupId(), b.completedAt(), lastStartedAt, lastFailedBackupId,
                    lastFailedAt, lastFailureReason, lastScheduledStartedAt);
        }

        DatabaseBackups withStarted(Instant at, boolean scheduled) {
            Instant started = lastStartedAt == null || at.isAfter(lastStartedAt) ? at : lastStartedAt;
            Instant scheduledAt = scheduled && (lastScheduledStartedAt == null || at.isAfter(lastScheduledStartedAt))
                    ? at : lastScheduledStartedAt;
            return new DatabaseBackups(database, newestBackupId, newestCompletedAt, started, lastFailedBackupId,
                    lastFailedAt, lastFailureReason, scheduledAt);
        }

        DatabaseBackups withFailed(BackupFailed f) {
            if (lastFailedAt != null && !f.failedAt().isAfter(lastFailedAt)) {
                return this;
            }
            return new DatabaseBackups(database, newestBackupId, newestCompletedAt, lastStartedAt, f.backupId(),
                    f.failedAt(), f.reason(), lastScheduledStartedAt);
        }
    }

    /** One database's freshness as {@code GET /backups/freshness} shows it. */
    public record Freshness(String database, String backupId, Instant completedAt, Long ageSeconds,
            long rpoSeconds, boolean withinRpo, Instant lastStartedAt, Instant lastFailedAt,
            String lastFailureReason) {
    }

    public Uni<Void> reload() {
        config.schedules().forEach((database, schedule) -> cronOf(schedule).ifPresent(expression -> {
            try {
                cron(expression);
                ZoneId.of(schedule.timeZone());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("lifeline.health.rpo.schedules." + database + ": invalid cron '"
                        + expression + "' or time-zone '" + schedule.timeZone() + "': " + e.getMessage(), e);
            }
        }));
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
                databases.putIfAbsent(database, DatabaseBackups.none(database));
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
        boolean scheduled = BackupRequested.TRIGGER_SCHEDULE.equals(backup.trigger());
        return update(backup.database(), known -> known.withStarted(backup.startedAt(), scheduled));
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
        DatabaseBackups before = databases.computeIfAbsent(database, DatabaseBackups::none);
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
        Optional<String> cron = cronOf(schedule);
        if (cron.isPresent()) {
            return work.chain(() -> checkSchedule(database, known, schedule, cron.get(), since, now));
        }
        if (schedule.every().isEmpty()) {
            return work; // cron off
        }
        Instant lastStart = known.lastStartedAt() != null ? known.lastStartedAt() : since;
        Duration silent = Duration.between(lastStart, now);
        if (silent.compareTo(schedule.every().get().plus(schedule.grace())) > 0) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("database", database);
            detail.put("expectedEverySeconds", schedule.every().get().toSeconds());
            detail.put("graceSeconds", schedule.grace().toSeconds());
            detail.put("silentSeconds", silent.toSeconds());
            if (known.lastStartedAt() != null) {
                detail.put("lastStartedAt", known.lastStartedAt().toString());
            }
            String summary = String.format("no backup of %s has started for %d s (expected every %d s)", database,
                    silent.toSeconds(), schedule.every().get().toSeconds());
            return work.chain(() -> incidents.raiseOnce(new FailureReport(database, KIND_MISSED,
                    config.missedSeverity(), summary, new Signal("backup.missed", "health-monitor/rpo", now, detail),
                    config.runbookUrl().orElse(null))));
        }
        return work.chain(() -> incidents.clear(database, KIND_MISSED,
                "a backup started at " + known.lastStartedAt()));
    }

    /**
     * The dead-man's switch on the backup-service's cron: the newest fire time at least {@code grace} ago
     * must have been answered by a scheduled {@code backup.started} (at or after it, give or take a little
     * clock skew). Fire times before the watch began are not held against anyone.
     */
    private Uni<Void> checkSchedule(String database, DatabaseBackups known, HealthMonitorConfig.Rpo.Schedule schedule,
            String expression, Instant since, Instant now) {
        ExecutionTime times = ExecutionTime.forCron(cron(expression));
        ZonedDateTime cutoff = now.minus(schedule.grace()).atZone(ZoneId.of(schedule.timeZone()));
        Optional<ZonedDateTime> due = times.isMatch(cutoff) ? Optional.of(cutoff.withNano(0))
                : times.lastExecution(cutoff);
        if (due.isEmpty() || due.get().toInstant().isBefore(since)) {
            return incidents.clear(database, KIND_MISSED, "no scheduled backup of " + database + " overdue");
        }
        Instant expected = due.get().toInstant();
        Duration period = times.lastExecution(due.get()).map(p -> Duration.between(p.toInstant(), expected))
                .orElse(Duration.ofDays(1));
        Duration skew = period.dividedBy(2).compareTo(MAX_SKEW) < 0 ? period.dividedBy(2) : MAX_SKEW;
        Instant started = known.lastScheduledStartedAt();
        if (started != null && !started.isBefore(expected.minus(skew))) {
            return incidents.clear(database, KIND_MISSED, "the scheduled backup due at " + expected
                    + " started at " + started);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("database", database);
        detail.put("cron", expression);
        detail.put("timeZone", schedule.timeZone());
        detail.put("dueAt", expected.toString());
        detail.put("graceSeconds", schedule.grace().toSeconds());
        if (started != null) {
            detail.put("lastScheduledStartedAt", started.toString());
        }
        if (known.lastStartedAt() != null) {
            detail.put("lastStartedAt", known.lastStartedAt().toString());
        }
        String summary = String.format("the scheduled backup of %s due at %s (cron '%s' %s) has not started within %d s",
                database, expected, expression, schedule.timeZone(), schedule.grace().toSeconds());
        return incidents.raiseOnce(new FailureReport(database, KIND_MISSED, config.missedSeverity(), summary,
                new Signal("backup.missed", "health-monitor/rpo", now, detail), config.runbookUrl().orElse(null)));
    }

    /** The schedule's cron: its own, none when {@code off} or when only {@code every} is set, else the plan's. */
    static Optional<String> cronOf(HealthMonitorConfig.Rpo.Schedule schedule) {
        if (schedule.cron().isPresent()) {
            String expression = schedule.cron().get().trim();
            return OFF.contains(expression.toLowerCase(Locale.ROOT)) ? Optional.empty()
                    : Optional.of(expression);
        }
        return schedule.every().isPresent() ? Optional.empty()
                : Optional.of(HealthMonitorConfig.Rpo.Schedule.DEFAULT_CRON);
    }

    private Cron cron(String expression) {
        return parsed.computeIfAbsent(expression, e -> PARSER.parse(e).validate());
    }

    private List<String> watchedDatabases() {
        List<String> all = new java.util.ArrayList<>(config.databases().orElse(List.of()));
        config.schedules().keySet().stream().filter(d -> !all.contains(d)).forEach(all::add);
        return all;
    }
}
