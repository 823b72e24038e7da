package io.lifeline.health.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.health.service.BackupFreshness;

/**
 * Learns of finished backups. A record that is not a valid {@code backup.completed} makes decode
 * throw: the message is nacked and the channel's dead-letter strategy moves it, with the reason,
 * to {@code dlq.health-monitor}, so it never blocks the partition and is never silently dropped.
 */
@ApplicationScoped
public class BackupEventsConsumer {

    public static final String BACKUP_COMPLETED = "backup-completed";

    private final BackupFreshness freshness;

    public BackupEventsConsumer(BackupFreshness freshness) {
        this.freshness = freshness;
    }

    @Incoming(BACKUP_COMPLETED)
    public void onBackupCompleted(String json) {
        freshness.record(EventCodec.decode(EventTypes.BACKUP_COMPLETED, json));
    }
}
