package io.lifeline.backup.service;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.backup.config.BackupConfig;
import io.lifeline.events.backup.BackupRequested;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The schedule (the plan's 02:00 UTC daily), progress in the log, and the catalog on an empty start. */
@ApplicationScoped
public class BackupScheduler {

    private static final Logger LOG = Logger.getLogger(BackupScheduler.class);

    private final BackupConfig config;
    private final BackupService backups;
    private final Clock clock;

    public BackupScheduler(BackupConfig config, BackupService backups, Clock clock) {
        this.config = config;
        this.backups = backups;
        this.clock = clock;
    }

    @Scheduled(cron = "${lifeline.backup.schedule:0 0 2 * * ?}", timeZone = "UTC", identity = "scheduled-backups",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        // A deterministic request id per database and minute: two instances, or a retry, start one backup.
        String minute = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(java.time.ZoneOffset.UTC)
                .format(clock.instant());
        return Multi.createFrom().iterable(config.databases().keySet())
                .onItem().transformToUniAndConcatenate(db -> backups
                        .request(db, "schedule-" + db + "-" + minute, BackupRequested.TRIGGER_SCHEDULE)
                        .onFailure().invoke(e -> LOG.errorf("scheduled backup of %s not started: %s", db, e.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    @Scheduled(every = "${lifeline.backup.progress-interval:5s}", identity = "backup-progress",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void logProgress() {
        Instant now = clock.instant();
        backups.runningByDatabase().values().forEach(r -> LOG.infof(
                "backup %s of %s: %s, %d MiB dumped, %d MiB stored, %d KiB/s", r.backupId(), r.database(),
                r.progress().stage(), r.progress().dumpBytes().get() >> 20, r.progress().storedBytes().get() >> 20,
                r.progress().throughput(now) >> 10));
    }
}
