package io.lifeline.backup.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.lifeline.events.EventTypes;
import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.events.backup.BackupFailed;
import io.lifeline.events.backup.BackupPruned;
import io.lifeline.events.backup.BackupStarted;
import io.lifeline.events.incident.IncidentChange;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.messaging.EventMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** backup-service's outgoing events; each {@code Uni} completes once Kafka acknowledged the record. */
@ApplicationScoped
public class BackupEventPublisher {

    public static final String BACKUP_STARTED = "backup-started";
    public static final String BACKUP_COMPLETED = "backup-completed";
    public static final String BACKUP_FAILED = "backup-failed";
    public static final String BACKUP_PRUNED = "backup-pruned";
    public static final String INCIDENT_OPENED = "incident-opened";
    public static final String INCIDENT_UPDATED = "incident-updated";
    public static final String INCIDENT_RESOLVED = "incident-resolved";

    private final MutinyEmitter<String> started;
    private final MutinyEmitter<String> completed;
    private final MutinyEmitter<String> failed;
    private final MutinyEmitter<String> pruned;
    private final MutinyEmitter<String> opened;
    private final MutinyEmitter<String> updated;
    private final MutinyEmitter<String> resolved;
    private final String serviceName;

    public BackupEventPublisher(@Channel(BACKUP_STARTED) MutinyEmitter<String> started,
            @Channel(BACKUP_COMPLETED) MutinyEmitter<String> completed,
            @Channel(BACKUP_FAILED) MutinyEmitter<String> failed,
            @Channel(BACKUP_PRUNED) MutinyEmitter<String> pruned,
            @Channel(INCIDENT_OPENED) MutinyEmitter<String> opened,
            @Channel(INCIDENT_UPDATED) MutinyEmitter<String> updated,
            @Channel(INCIDENT_RESOLVED) MutinyEmitter<String> resolved,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.started = started;
        this.completed = completed;
        this.failed = failed;
        this.pruned = pruned;
        this.opened = opened;
        this.updated = updated;
        this.resolved = resolved;
        this.serviceName = serviceName;
    }

    public Uni<Void> started(BackupStarted event) {
        return started.sendMessage(EventMessages.of(EventTypes.BACKUP_STARTED, event, serviceName));
    }

    public Uni<Void> completed(BackupCompleted event) {
        return completed.sendMessage(EventMessages.of(EventTypes.BACKUP_COMPLETED, event, serviceName));
    }

    public Uni<Void> failed(BackupFailed event) {
        return failed.sendMessage(EventMessages.of(EventTypes.BACKUP_FAILED, event, serviceName));
    }

    public Uni<Void> pruned(BackupPruned event) {
        return pruned.sendMessage(EventMessages.of(EventTypes.BACKUP_PRUNED, event, serviceName));
    }

    public Uni<Void> incidentChanged(IncidentChange change) {
        if (change instanceof IncidentOpened open) {
            return opened.sendMessage(EventMessages.of(EventTypes.INCIDENT_OPENED, open, serviceName));
        }
        return updated.sendMessage(EventMessages.of(EventTypes.INCIDENT_UPDATED, (IncidentUpdated) change, serviceName));
    }

    public Uni<Void> incidentResolved(IncidentResolved event) {
        return resolved.sendMessage(EventMessages.of(EventTypes.INCIDENT_RESOLVED, event, serviceName));
    }
}
