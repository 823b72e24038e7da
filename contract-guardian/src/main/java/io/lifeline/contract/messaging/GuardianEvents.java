package io.lifeline.contract.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.lifeline.events.EventTypes;
import io.lifeline.events.contract.ContractAnomaly;
import io.lifeline.events.contract.ContractPaused;
import io.lifeline.events.health.HealthHeartbeat;
import io.lifeline.events.incident.IncidentChange;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.messaging.EventMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** contract-guardian's outgoing events; each {@code Uni} completes once Kafka acknowledged the record. */
@ApplicationScoped
public class GuardianEvents {

    public static final String CONTRACT_ANOMALY = "contract-anomaly";
    public static final String CONTRACT_PAUSED = "contract-paused";
    public static final String INCIDENT_OPENED = "incident-opened";
    public static final String INCIDENT_UPDATED = "incident-updated";
    public static final String INCIDENT_RESOLVED = "incident-resolved";
    public static final String HEALTH_HEARTBEAT = "health-heartbeat";

    private final MutinyEmitter<String> anomaly;
    private final MutinyEmitter<String> paused;
    private final MutinyEmitter<String> opened;
    private final MutinyEmitter<String> updated;
    private final MutinyEmitter<String> resolved;
    private final MutinyEmitter<String> heartbeat;
    private final String serviceName;

    public GuardianEvents(@Channel(CONTRACT_ANOMALY) MutinyEmitter<String> anomaly,
            @Channel(CONTRACT_PAUSED) MutinyEmitter<String> paused,
            @Channel(INCIDENT_OPENED) MutinyEmitter<String> opened,
            @Channel(INCIDENT_UPDATED) MutinyEmitter<String> updated,
            @Channel(INCIDENT_RESOLVED) MutinyEmitter<String> resolved,
            @Channel(HEALTH_HEARTBEAT) MutinyEmitter<String> heartbeat,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.anomaly = anomaly;
        this.paused = paused;
        this.opened = opened;
        this.updated = updated;
        this.resolved = resolved;
        this.heartbeat = heartbeat;
        this.serviceName = serviceName;
    }

    public Uni<Void> anomaly(ContractAnomaly event) {
        return anomaly.sendMessage(EventMessages.of(EventTypes.CONTRACT_ANOMALY, event, serviceName));
    }

    public Uni<Void> paused(ContractPaused event) {
        return paused.sendMessage(EventMessages.of(EventTypes.CONTRACT_PAUSED, event, serviceName));
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

    public Uni<Void> heartbeat(HealthHeartbeat event) {
        return heartbeat.sendMessage(EventMessages.of(EventTypes.HEALTH_HEARTBEAT, event, serviceName));
    }
}
