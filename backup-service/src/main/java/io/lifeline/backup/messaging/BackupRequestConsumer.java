package io.lifeline.backup.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.lifeline.backup.service.BackupService;
import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.backup.BackupRequested;
import io.smallrye.mutiny.Uni;

/**
 * {@code backup.requested}: starts (or joins) a backup. Idempotent by request id, so redelivery
 * is harmless; an unreadable record or an unknown database is nacked to {@code dlq.backup-service}.
 */
@ApplicationScoped
public class BackupRequestConsumer {

    public static final String BACKUP_REQUESTED = "backup-requested";
    private static final Logger LOG = Logger.getLogger(BackupRequestConsumer.class);

    private final BackupService backups;

    public BackupRequestConsumer(BackupService backups) {
        this.backups = backups;
    }

    @Incoming(BACKUP_REQUESTED)
    public Uni<Void> onRequest(String json) {
        BackupRequested request = EventCodec.decode(EventTypes.BACKUP_REQUESTED, json);
        return backups.request(request.database(), request.requestId(), request.trigger())
                .invoke(a -> LOG.infof("backup.requested %s → %s (%s)", request.requestId(), a.backupId(), a.outcome()))
                .replaceWithVoid();
    }
}
