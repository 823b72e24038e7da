package io.lifeline.health.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.lifeline.events.EventTypes;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.HealthHeartbeat;
import io.lifeline.events.health.MaintenanceEnded;
import io.lifeline.events.health.MaintenanceStarted;
import io.lifeline.events.health.HealthRecovered;
import io.lifeline.events.incident.IncidentChange;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.messaging.EventMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The monitor's outgoing events. Each {@code Uni} completes when Kafka has acknowledged the record
 * (acks=all), so callers only move on once the fact is durable.
 */
@ApplicationScoped
public class HealthEventPublisher {

    public static final String HEALTH_DEGRADED = "health-degraded";
    public static final String HEALTH_RECOVERED = "health-recovered";
    public static final String INCIDENT_OPENED = "incident-opened";
    public static final String INCIDENT_UPDATED = "incident-updated";
    public static final String INCIDENT_RESOLVED = "incident-resolved";
    public static final String HEALTH_HEARTBEAT = "health-heartbeat";
    public static final String MAINTENANCE_STARTED = "maintenance-started";
    public static final String MAINTENANCE_ENDED = "maintenance-ended";

    private final MutinyEmitter<String> degraded;
    private final MutinyEmitter<String> recovered;
    private final MutinyEmitter<String> opened;
    private final MutinyEmitter<String> updated;
    private final MutinyEmitter<String> resolved;
    private final MutinyEmitter<String> heartbeat;
    private final MutinyEmitter<String> maintenanceStarted;
    private final MutinyEmitter<String> maintenanceEnded;
    private final String serviceName;

    public HealthEventPublisher(@Channel(HEALTH_DEGRADED) MutinyEmitter<String> degraded,
            @Channel(HEALTH_RECOVERED) MutinyEmitter<String> recovered,
            @Channel(INCIDENT_OPENED) MutinyEmitter<String> opened,
            @Channel(INCIDENT_UPDATED) MutinyEmitter<String> updated,
            @Channel(INCIDENT_RESOLVED) MutinyEmitter<String> resolved,
            @Channel(HEALTH_HEARTBEAT) MutinyEmitter<String> heartbeat,
            @Channel(MAINTENANCE_STARTED) MutinyEmitter<String> maintenanceStarted,
            @Channel(MAINTENANCE_ENDED) MutinyEmitter<String> maintenanceEnded,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.degraded = degraded;
        this.recovered = recovered;
        this.opened = opened;
        this.updated = updated;
        this.resolved = resolved;
        this.heartbeat = heartbeat;
        this.maintenanceStarted = maintenanceStarted;
        this.maintenanceEnded = maintenanceEnded;
        this.serviceName = serviceName;
    }

    public Uni<Void> degraded(HealthDegraded event) {
        return degraded.sendMessage(EventMessages.of(EventTypes.HEALTH_DEGRADED, event, serviceName));
    }

    public Uni<Void> recovered(HealthRecovered event) {
        return recovered.sendMessage(EventMessages.of(EventTypes.HEALTH_RECOVERED, event, serviceName));
    }

    public Uni<Void> incidentChanged(IncidentChange change) {
        if (change instanceof IncidentOpened open) {
            return opened.sendMessage(EventMessages.of(EventTypes.INCIDENT_OPENED, open, serviceName));
        }
        IncidentUpdated update = (IncidentUpdated) change;
        return updated.sendMessage(EventMessages.of(EventTypes.INCIDENT_UPDATED, update, serviceName));
    }

    public Uni<Void> incidentResolved(IncidentResolved event) {
        return resolved.sendMessage(EventMessages.of(EventTypes.INCIDENT_RESOLVED, event, serviceName));
    }

    public Uni<Void> heartbeat(HealthHeartbeat event) {
        return heartbeat.sendMessage(EventMessages.of(EventTypes.HEALTH_HEARTBEAT, event, serviceName));
    }

    public Uni<Void> maintenanceStarted(MaintenanceStarted event) {
        return maintenanceStarted.sendMessage(EventMessages.of(EventTypes.MAINTENANCE_STARTED, event, serviceName));
    }

    public Uni<Void> maintenanceEnded(MaintenanceEnded event) {
        return maintenanceEnded.sendMessage(EventMessages.of(EventTypes.MAINTENANCE_ENDED, event, serviceName));
    }
}
