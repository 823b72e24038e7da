package io.lifeline.restore.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentChange;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.events.restore.DrillCompleted;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.events.restore.RestoreStarted;
import io.lifeline.messaging.EventMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * restore-service's outgoing events. Restores run on worker threads, so each send waits for Kafka's
 * acknowledgement there: an event is never silently dropped.
 */
@ApplicationScoped
public class RestoreEventPublisher {

    public static final String RESTORE_STARTED = "restore-started";
    public static final String RESTORE_COMPLETED = "restore-completed";
    public static final String RESTORE_FAILED = "restore-failed";
    public static final String DRILL_COMPLETED = "drill-completed";
    public static final String INCIDENT_OPENED = "incident-opened-out";
    public static final String INCIDENT_UPDATED = "incident-updated";
    public static final String INCIDENT_RESOLVED = "incident-resolved";

    private final MutinyEmitter<String> started;
    private final MutinyEmitter<String> completed;
    private final MutinyEmitter<String> failed;
    private final MutinyEmitter<String> drill;
    private final MutinyEmitter<String> opened;
    private final MutinyEmitter<String> updated;
    private final MutinyEmitter<String> resolved;
    private final String serviceName;

    public RestoreEventPublisher(@Channel(RESTORE_STARTED) MutinyEmitter<String> started,
            @Channel(RESTORE_COMPLETED) MutinyEmitter<String> completed,
            @Channel(RESTORE_FAILED) MutinyEmitter<String> failed,
            @Channel(DRILL_COMPLETED) MutinyEmitter<String> drill,
            @Channel(INCIDENT_OPENED) MutinyEmitter<String> opened,
            @Channel(INCIDENT_UPDATED) MutinyEmitter<String> updated,
            @Channel(INCIDENT_RESOLVED) MutinyEmitter<String> resolved,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.started = started;
        this.completed = completed;
        this.failed = failed;
        this.drill = drill;
        this.opened = opened;
        this.updated = updated;
        this.resolved = resolved;
        this.serviceName = serviceName;
    }

    public void started(RestoreStarted event) {
        started.sendMessageAndAwait(EventMessages.of(EventTypes.RESTORE_STARTED, event, serviceName));
    }

    public void completed(RestoreCompleted event) {
        completed.sendMessageAndAwait(EventMessages.of(EventTypes.RESTORE_COMPLETED, event, serviceName));
    }

    public void failed(RestoreFailed event) {
        failed.sendMessageAndAwait(EventMessages.of(EventTypes.RESTORE_FAILED, event, serviceName));
    }

    public void drillCompleted(DrillCompleted event) {
        drill.sendMessageAndAwait(EventMessages.of(EventTypes.DRILL_COMPLETED, event, serviceName));
    }

    public void incidentChanged(IncidentChange change) {
        if (change instanceof IncidentOpened open) {
            opened.sendMessageAndAwait(EventMessages.of(EventTypes.INCIDENT_OPENED, open, serviceName));
        } else {
            updated.sendMessageAndAwait(EventMessages.of(EventTypes.INCIDENT_UPDATED, (IncidentUpdated) change,
                    serviceName));
        }
    }

    public void incidentResolved(IncidentResolved event) {
        resolved.sendMessageAndAwait(EventMessages.of(EventTypes.INCIDENT_RESOLVED, event, serviceName));
    }
}
