package io.lifeline.restore.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.restore.config.RestoreConfig;
import io.lifeline.restore.messaging.Delivery;

/**
 * The plan's "Scenario 1: Database Corruption", automated: a {@code database.corruption} incident
 * (health-monitor's pg_amcheck and PostgreSQL probes) restores the latest verified backup of the
 * affected target, at once ({@code auto}) or once a person approved it ({@code approval}). The
 * request id derives from the incident id, so a redelivered incident starts nothing new, and the
 * event's id is recorded with the request, so a re-delivery of it is skipped.
 */
@ApplicationScoped
public class CorruptionIncidents {

    public static final String KIND = "database.corruption";
    private static final Logger LOG = Logger.getLogger(CorruptionIncidents.class);

    private final RestoreConfig config;
    private final RestoreService restores;

    public CorruptionIncidents(RestoreConfig config, RestoreService restores) {
        this.config = config;
        this.restores = restores;
    }

    /** Empty when the incident asks for no restore, or {@code delivery} was handled before. */
    public Optional<RestoreService.Accepted> opened(IncidentOpened incident, Delivery delivery) {
        String policy = config.incidents().policy();
        if (!KIND.equals(incident.kind()) || "off".equals(policy)) {
            return Optional.empty();
        }
        Optional<String> target = Optional.ofNullable(config.incidents().components().get(incident.component()))
                .or(() -> restores.allowed(incident.component()) ? Optional.of(incident.component())
                        : Optional.empty())
                .or(() -> config.incidents().defaultTarget());
        if (target.isEmpty()) {
            LOG.warnf("corruption incident %s on %s: no restore target is mapped to that component"
                    + " (lifeline.restore.incidents.components or default-target); nothing done",
                    incident.incidentId(), incident.component());
            return Optional.empty();
        }
        return restores.request(new RestoreService.Request("incident-" + incident.incidentId(),
                target.get(), BackupSelector.latestVerified(), incident.incidentId(), "incident:" + incident.raisedBy(),
                "incident", !"auto".equals(policy)), delivery);
    }
}
