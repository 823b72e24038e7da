package io.lifeline.events;

import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.events.backup.BackupFailed;
import io.lifeline.events.backup.BackupPruned;
import io.lifeline.events.backup.BackupRequested;
import io.lifeline.events.backup.BackupStarted;
import io.lifeline.events.contract.ContractAnomaly;
import io.lifeline.events.contract.ContractPaused;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.HealthHeartbeat;
import io.lifeline.events.health.MaintenanceEnded;
import io.lifeline.events.health.MaintenanceStarted;
import io.lifeline.events.health.HealthRecovered;
import io.lifeline.events.incident.IncidentAcknowledged;
import io.lifeline.events.incident.IncidentEscalated;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.events.ipfs.IpfsContentLost;
import io.lifeline.events.ipfs.IpfsContentMissing;
import io.lifeline.events.ipfs.IpfsContentRepinned;
import io.lifeline.events.notification.NotificationFailed;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.events.restore.DrillCompleted;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.events.restore.RestoreRequested;
import io.lifeline.events.restore.RestoreStarted;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every topic's {@link EventType}. The keys follow one rule: everything about one story (a backup,
 * a restore, an incident, a component, a contract, a CID) lands in one partition, in order.
 */
public final class EventTypes {

    // backup.requested has no backup id yet: keyed by database so requests for one database stay ordered.
    public static final EventType<BackupRequested> BACKUP_REQUESTED =
            type(Topics.BACKUP_REQUESTED, BackupRequested.class, BackupRequested::database, BackupRequested::database);
    public static final EventType<BackupStarted> BACKUP_STARTED =
            type(Topics.BACKUP_STARTED, BackupStarted.class, BackupStarted::backupId, BackupStarted::database);
    public static final EventType<BackupCompleted> BACKUP_COMPLETED =
            type(Topics.BACKUP_COMPLETED, BackupCompleted.class, BackupCompleted::backupId, BackupCompleted::database);
    public static final EventType<BackupFailed> BACKUP_FAILED =
            type(Topics.BACKUP_FAILED, BackupFailed.class, BackupFailed::backupId, BackupFailed::database);
    public static final EventType<BackupPruned> BACKUP_PRUNED =
            type(Topics.BACKUP_PRUNED, BackupPruned.class, BackupPruned::backupId, BackupPruned::database);

    // restore.requested has no restore id yet: keyed by target so two restores of one database stay ordered.
    public static final EventType<RestoreRequested> RESTORE_REQUESTED =
            type(Topics.RESTORE_REQUESTED, RestoreRequested.class, RestoreRequested::target, RestoreRequested::target);
    public static final EventType<RestoreStarted> RESTORE_STARTED =
            type(Topics.RESTORE_STARTED, RestoreStarted.class, RestoreStarted::restoreId, RestoreStarted::target);
    public static final EventType<RestoreCompleted> RESTORE_COMPLETED =
            type(Topics.RESTORE_COMPLETED, RestoreCompleted.class, RestoreCompleted::restoreId,
                    RestoreCompleted::target);
    public static final EventType<RestoreFailed> RESTORE_FAILED =
            type(Topics.RESTORE_FAILED, RestoreFailed.class, RestoreFailed::restoreId, RestoreFailed::target);
    public static final EventType<DrillCompleted> DRILL_COMPLETED =
            type(Topics.DRILL_COMPLETED, DrillCompleted.class, DrillCompleted::drillId, DrillCompleted::backupId);

    public static final EventType<HealthDegraded> HEALTH_DEGRADED =
            type(Topics.HEALTH_DEGRADED, HealthDegraded.class, HealthDegraded::component, HealthDegraded::component);
    public static final EventType<HealthRecovered> HEALTH_RECOVERED =
            type(Topics.HEALTH_RECOVERED, HealthRecovered.class, HealthRecovered::component,
                    HealthRecovered::component);
    // Keyed by monitor: one monitor's heartbeats stay in one partition, in order, so a gap is visible.
    public static final EventType<HealthHeartbeat> HEALTH_HEARTBEAT =
            type(Topics.HEALTH_HEARTBEAT, HealthHeartbeat.class, HealthHeartbeat::monitor, HealthHeartbeat::monitor);
    public static final EventType<MaintenanceStarted> MAINTENANCE_STARTED =
            type(Topics.MAINTENANCE_STARTED, MaintenanceStarted.class, MaintenanceStarted::windowId,
                    MaintenanceStarted::windowId);
    public static final EventType<MaintenanceEnded> MAINTENANCE_ENDED =
            type(Topics.MAINTENANCE_ENDED, MaintenanceEnded.class, MaintenanceEnded::windowId,
                    MaintenanceEnded::windowId);

    public static final EventType<IncidentOpened> INCIDENT_OPENED =
            type(Topics.INCIDENT_OPENED, IncidentOpened.class, IncidentOpened::incidentId, IncidentOpened::component);
    public static final EventType<IncidentUpdated> INCIDENT_UPDATED =
            type(Topics.INCIDENT_UPDATED, IncidentUpdated.class, IncidentUpdated::incidentId,
                    IncidentUpdated::component);
    public static final EventType<IncidentAcknowledged> INCIDENT_ACKNOWLEDGED =
            type(Topics.INCIDENT_ACKNOWLEDGED, IncidentAcknowledged.class, IncidentAcknowledged::incidentId,
                    IncidentAcknowledged::incidentId);
    public static final EventType<IncidentEscalated> INCIDENT_ESCALATED =
            type(Topics.INCIDENT_ESCALATED, IncidentEscalated.class, IncidentEscalated::incidentId,
                    IncidentEscalated::incidentId);
    public static final EventType<IncidentResolved> INCIDENT_RESOLVED =
            type(Topics.INCIDENT_RESOLVED, IncidentResolved.class, IncidentResolved::incidentId,
                    IncidentResolved::component);

    // Lower-case: the same contract may be configured checksummed (EIP-55) in one place and not in another.
    public static final EventType<ContractAnomaly> CONTRACT_ANOMALY =
            type(Topics.CONTRACT_ANOMALY, ContractAnomaly.class, a -> lower(a.contract()), a -> lower(a.contract()));
    public static final EventType<ContractPaused> CONTRACT_PAUSED =
            type(Topics.CONTRACT_PAUSED, ContractPaused.class, p -> lower(p.contract()), p -> lower(p.contract()));

    public static final EventType<IpfsContentMissing> IPFS_CONTENT_MISSING =
            type(Topics.IPFS_CONTENT_MISSING, IpfsContentMissing.class, IpfsContentMissing::cid,
                    IpfsContentMissing::cid);
    public static final EventType<IpfsContentRepinned> IPFS_CONTENT_REPINNED =
            type(Topics.IPFS_CONTENT_REPINNED, IpfsContentRepinned.class, IpfsContentRepinned::cid,
                    IpfsContentRepinned::cid);
    public static final EventType<IpfsContentLost> IPFS_CONTENT_LOST =
            type(Topics.IPFS_CONTENT_LOST, IpfsContentLost.class, IpfsContentLost::cid, IpfsContentLost::cid);

    // Keyed by incident: a notification is part of its incident's story.
    public static final EventType<NotificationSent> NOTIFICATION_SENT =
            type(Topics.NOTIFICATION_SENT, NotificationSent.class, NotificationSent::incidentId,
                    NotificationSent::incidentId);
    public static final EventType<NotificationFailed> NOTIFICATION_FAILED =
            type(Topics.NOTIFICATION_FAILED, NotificationFailed.class, NotificationFailed::incidentId,
                    NotificationFailed::incidentId);

    private static final List<EventType<?>> ALL = List.of(
            BACKUP_REQUESTED, BACKUP_STARTED, BACKUP_COMPLETED, BACKUP_FAILED, BACKUP_PRUNED,
            RESTORE_REQUESTED, RESTORE_STARTED, RESTORE_COMPLETED, RESTORE_FAILED, DRILL_COMPLETED,
            HEALTH_DEGRADED, HEALTH_RECOVERED, HEALTH_HEARTBEAT, MAINTENANCE_STARTED, MAINTENANCE_ENDED,
            INCIDENT_OPENED, INCIDENT_UPDATED, INCIDENT_ACKNOWLEDGED, INCIDENT_ESCALATED, INCIDENT_RESOLVED,
            CONTRACT_ANOMALY, CONTRACT_PAUSED,
            IPFS_CONTENT_MISSING, IPFS_CONTENT_REPINNED, IPFS_CONTENT_LOST,
            NOTIFICATION_SENT, NOTIFICATION_FAILED);

    private static final Map<String, EventType<?>> BY_TOPIC =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::topic, Function.identity()));

    private EventTypes() {
    }

    /** Every event type, in the order of {@link Topics#all()}. */
    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> forTopic(String topic) {
        return Optional.ofNullable(topic == null ? null : BY_TOPIC.get(topic));
    }

    private static <T> EventType<T> type(String topic, Class<T> payloadClass, Function<T, String> keyOf,
                                         Function<T, String> subjectOf) {
        return new EventType<>(topic, payloadClass, keyOf, subjectOf);
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
