package io.lifeline.ipfs.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentChange;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.events.ipfs.IpfsContentLost;
import io.lifeline.events.ipfs.IpfsContentMissing;
import io.lifeline.events.ipfs.IpfsContentRepinned;
import io.lifeline.messaging.EventMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** ipfs-guardian's outgoing events; each {@code Uni} completes once Kafka acknowledged the record. */
@ApplicationScoped
public class IpfsEventPublisher {

    public static final String MISSING = "ipfs-content-missing";
    public static final String REPINNED = "ipfs-content-repinned";
    public static final String LOST = "ipfs-content-lost";
    public static final String INCIDENT_OPENED = "incident-opened";
    public static final String INCIDENT_UPDATED = "incident-updated";
    public static final String INCIDENT_RESOLVED = "incident-resolved";

    private final MutinyEmitter<String> missing;
    private final MutinyEmitter<String> repinned;
    private final MutinyEmitter<String> lost;
    private final MutinyEmitter<String> opened;
    private final MutinyEmitter<String> updated;
    private final MutinyEmitter<String> resolved;
    private final String serviceName;

    public IpfsEventPublisher(@Channel(MISSING) MutinyEmitter<String> missing,
            @Channel(REPINNED) MutinyEmitter<String> repinned,
            @Channel(LOST) MutinyEmitter<String> lost,
            @Channel(INCIDENT_OPENED) MutinyEmitter<String> opened,
            @Channel(INCIDENT_UPDATED) MutinyEmitter<String> updated,
            @Channel(INCIDENT_RESOLVED) MutinyEmitter<String> resolved,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.missing = missing;
        this.repinned = repinned;
        this.lost = lost;
        this.opened = opened;
        this.updated = updated;
        this.resolved = resolved;
        this.serviceName = serviceName;
    }

    public Uni<Void> missing(IpfsContentMissing event) {
        return missing.sendMessage(EventMessages.of(EventTypes.IPFS_CONTENT_MISSING, event, serviceName));
    }

    public Uni<Void> repinned(IpfsContentRepinned event) {
        return repinned.sendMessage(EventMessages.of(EventTypes.IPFS_CONTENT_REPINNED, event, serviceName));
    }

    public Uni<Void> lost(IpfsContentLost event) {
        return lost.sendMessage(EventMessages.of(EventTypes.IPFS_CONTENT_LOST, event, serviceName));
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
