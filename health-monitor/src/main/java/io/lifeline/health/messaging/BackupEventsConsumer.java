package io.lifeline.health.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.health.rpo.BackupWatch;
import io.lifeline.health.rpo.DrillWatch;
import io.smallrye.mutiny.Uni;

/**
 * Learns of backups and drills. A record that is not a valid event of its topic makes decode throw:
 * the message is nacked and the channel's dead-letter strategy moves it, with the reason, to
 * {@code dlq.health-monitor}, so it never blocks the partition and is never silently dropped. The
 * offset is committed once the watch has stored what it learned.
 */
@ApplicationScoped
public class BackupEventsConsumer {

    public static final String BACKUP_COMPLETED = "backup-completed";
    public static final String BACKUP_STARTED = "backup-started";
    public static final String BACKUP_FAILED = "backup-failed";
    public static final String DRILL_COMPLETED = "drill-completed";

    private final BackupWatch backups;
    private final DrillWatch drills;

    public BackupEventsConsumer(BackupWatch backups, DrillWatch drills) {
        this.backups = backups;
        this.drills = drills;
    }

    @Incoming(BACKUP_COMPLETED)
    public Uni<Void> onBackupCompleted(String json) {
        return backups.completed(EventCodec.decode(EventTypes.BACKUP_COMPLETED, json));
    }

    @Incoming(BACKUP_STARTED)
    public Uni<Void> onBackupStarted(String json) {
        return backups.started(EventCodec.decode(EventTypes.BACKUP_STARTED, json));
    }

    @Incoming(BACKUP_FAILED)
    public Uni<Void> onBackupFailed(String json) {
        return backups.failed(EventCodec.decode(EventTypes.BACKUP_FAILED, json));
    }

    @Incoming(DRILL_COMPLETED)
    public Uni<Void> onDrillCompleted(String json) {
        return drills.completed(EventCodec.decode(EventTypes.DRILL_COMPLETED, json));
    }
}
