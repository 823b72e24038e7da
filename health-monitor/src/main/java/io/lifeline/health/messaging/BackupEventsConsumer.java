package io.lifeline.health.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.health.rpo.BackupWatch;
import io.lifeline.health.repository.StateStore;
import io.lifeline.health.rpo.DrillWatch;
import io.smallrye.mutiny.Uni;

/**
 * Learns of backups and drills. A record that is not a valid event of its topic makes decode throw:
 * the message is nacked and the channel's dead-letter strategy moves it, with the reason, to
 * {@code dlq.health-monitor}, so it never blocks the partition and is never silently dropped. The
 * offset is committed once what the watch learned is stored (the store's writes trail the monitor:
 * {@link StateStore#flushed()} waits for them).
 */
@ApplicationScoped
public class BackupEventsConsumer {

    public static final String BACKUP_COMPLETED = "backup-completed";
    public static final String BACKUP_STARTED = "backup-started";
    public static final String BACKUP_FAILED = "backup-failed";
    public static final String DRILL_COMPLETED = "drill-completed";

    private final BackupWatch backups;
    private final DrillWatch drills;
    private final StateStore store;

    public BackupEventsConsumer(BackupWatch backups, DrillWatch drills, StateStore store) {
        this.backups = backups;
        this.drills = drills;
        this.store = store;
    }

    @Incoming(BACKUP_COMPLETED)
    public Uni<Void> onBackupCompleted(String json) {
        return backups.completed(EventCodec.decode(EventTypes.BACKUP_COMPLETED, json)).chain(store::flushed);
    }

    @Incoming(BACKUP_STARTED)
    public Uni<Void> onBackupStarted(String json) {
        return backups.started(EventCodec.decode(EventTypes.BACKUP_STARTED, json)).chain(store::flushed);
    }

    @Incoming(BACKUP_FAILED)
    public Uni<Void> onBackupFailed(String json) {
        return backups.failed(EventCodec.decode(EventTypes.BACKUP_FAILED, json)).chain(store::flushed);
    }

    @Incoming(DRILL_COMPLETED)
    public Uni<Void> onDrillCompleted(String json) {
        return drills.completed(EventCodec.decode(EventTypes.DRILL_COMPLETED, json)).chain(store::flushed);
    }
}
