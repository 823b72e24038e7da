package io.lifeline.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Kafka topic names: one topic per event type, named {@code domain.event}.
 * The constants are the single spelling that code, configuration and tests share.
 */
public final class Topics {

    public static final String BACKUP_REQUESTED = "backup.requested";
    public static final String BACKUP_STARTED = "backup.started";
    public static final String BACKUP_COMPLETED = "backup.completed";
    public static final String BACKUP_FAILED = "backup.failed";
    public static final String BACKUP_PRUNED = "backup.pruned";

    public static final String RESTORE_REQUESTED = "restore.requested";
    public static final String RESTORE_STARTED = "restore.started";
    public static final String RESTORE_COMPLETED = "restore.completed";
    public static final String RESTORE_FAILED = "restore.failed";
    public static final String DRILL_COMPLETED = "drill.completed";

    public static final String HEALTH_DEGRADED = "health.degraded";
    public static final String HEALTH_RECOVERED = "health.recovered";
    public static final String HEALTH_HEARTBEAT = "health.heartbeat";
    public static final String MAINTENANCE_STARTED = "maintenance.started";
    public static final String MAINTENANCE_ENDED = "maintenance.ended";

    public static final String INCIDENT_OPENED = "incident.opened";
    public static final String INCIDENT_UPDATED = "incident.updated";
    public static final String INCIDENT_ACKNOWLEDGED = "incident.acknowledged";
    public static final String INCIDENT_ESCALATED = "incident.escalated";
    public static final String INCIDENT_RESOLVED = "incident.resolved";

    public static final String CONTRACT_ANOMALY = "contract.anomaly";
    public static final String CONTRACT_PAUSED = "contract.paused";

    public static final String IPFS_CONTENT_MISSING = "ipfs.content.missing";
    public static final String IPFS_CONTENT_REPINNED = "ipfs.content.repinned";
    public static final String IPFS_CONTENT_LOST = "ipfs.content.lost";

    public static final String NOTIFICATION_SENT = "notification.sent";
    public static final String NOTIFICATION_FAILED = "notification.failed";

    /** Prefix of every dead-letter topic; one dead-letter topic per consuming service. */
    public static final String DEAD_LETTER_PREFIX = "dlq.";

    // Kafka's own rule for topic names (legal characters, at most 249 of them).
    private static final Pattern LEGAL_TOPIC = Pattern.compile("^[a-zA-Z0-9._-]{1,249}$");

    private static final List<String> ALL = List.of(
            BACKUP_REQUESTED, BACKUP_STARTED, BACKUP_COMPLETED, BACKUP_FAILED, BACKUP_PRUNED,
            RESTORE_REQUESTED, RESTORE_STARTED, RESTORE_COMPLETED, RESTORE_FAILED, DRILL_COMPLETED,
            HEALTH_DEGRADED, HEALTH_RECOVERED, HEALTH_HEARTBEAT, MAINTENANCE_STARTED, MAINTENANCE_ENDED,
            INCIDENT_OPENED, INCIDENT_UPDATED, INCIDENT_ACKNOWLEDGED, INCIDENT_ESCALATED, INCIDENT_RESOLVED,
            CONTRACT_ANOMALY, CONTRACT_PAUSED,
            IPFS_CONTENT_MISSING, IPFS_CONTENT_REPINNED, IPFS_CONTENT_LOST,
            NOTIFICATION_SENT, NOTIFICATION_FAILED);

    private Topics() {
    }

    /**
     * The dead-letter topic of a consuming service, e.g. {@code dlq.notifier}.
     * Checked eagerly: a bad name would otherwise only fail when the first poison message arrives.
     */
    public static String deadLetter(String consumerGroup) {
        if (consumerGroup == null || consumerGroup.isBlank()) {
            throw new IllegalArgumentException("consumerGroup is required");
        }
        String topic = DEAD_LETTER_PREFIX + consumerGroup;
        if (!LEGAL_TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException(
                    "'" + topic + "' is not a legal Kafka topic name (use [a-zA-Z0-9._-], at most 249 characters)");
        }
        return topic;
    }

    /** Every event topic (dead-letter topics excluded), in a stable order. */
    public static List<String> all() {
        return ALL;
    }
}
