package io.lifeline.restore.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.restore.service.CorruptionIncidents;
import io.smallrye.common.annotation.Blocking;

/** {@code incident.opened}: a {@code database.corruption} incident may trigger a restore, by policy. */
@ApplicationScoped
public class IncidentConsumer {

    public static final String INCIDENT_OPENED_IN = "incident-opened-in";
    private static final Logger LOG = Logger.getLogger(IncidentConsumer.class);

    private final CorruptionIncidents incidents;

    public IncidentConsumer(CorruptionIncidents incidents) {
        this.incidents = incidents;
    }

    @Incoming(INCIDENT_OPENED_IN)
    @Blocking
    public void onIncident(String json) {
        IncidentOpened incident = EventCodec.decode(EventTypes.INCIDENT_OPENED, json);
        incidents.opened(incident).ifPresent(a -> LOG.infof("incident %s (%s) → restore %s (%s)",
                incident.incidentId(), incident.kind(), a.record().restoreId(), a.outcome()));
    }
}
