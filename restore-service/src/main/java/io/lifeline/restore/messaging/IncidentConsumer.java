package io.lifeline.restore.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.restore.service.CorruptionIncidents;
import io.smallrye.mutiny.Uni;

/**
 * {@code incident.opened}: a {@code database.corruption} incident may trigger a restore, by policy; a
 * re-delivered event (same {@code ce_id}) is skipped. Unreadable records are dead-lettered, a database
 * that is away is waited for ({@link UntilHandled}).
 */
@ApplicationScoped
public class IncidentConsumer {

    public static final String INCIDENT_OPENED_IN = "incident-opened-in";
    private static final Logger LOG = Logger.getLogger(IncidentConsumer.class);

    private final CorruptionIncidents incidents;

    public IncidentConsumer(CorruptionIncidents incidents) {
        this.incidents = incidents;
    }

    @Incoming(INCIDENT_OPENED_IN)
    public Uni<Void> onIncident(ConsumerRecord<String, String> record) {
        return Uni.createFrom().item(() -> EventCodec.decode(EventTypes.INCIDENT_OPENED, record.value()))
                .chain(incident -> UntilHandled.run("incident.opened " + incident.incidentId(),
                        () -> handle(incident, Delivery.of(record))));
    }

    private void handle(IncidentOpened incident, Delivery delivery) {
        incidents.opened(incident, delivery).ifPresent(a -> LOG.infof("incident %s (%s) → restore %s (%s)",
                incident.incidentId(), incident.kind(), a.record().restoreId(), a.outcome()));
    }
}
