package io.lifeline.notifier;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventType;
import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentAcknowledged;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.testsupport.EventTopics;

/** Incident events as a monitor would publish them, each test with its own incident. */
public final class Incidents {

    public static final String RUNBOOK = "https://runbooks.lifeline.local/database-failure";

    private Incidents() {
    }

    public static IncidentOpened opened(String component, Severity severity) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = "inc-" + UUID.randomUUID();
        Signal signal = new Signal("health.degraded", "health-monitor/" + component, now,
                Map.of("status", "503", "consecutiveFailures", 3));
        return new IncidentOpened(id, component + "/down", severity, component, "down",
                component + " health check failing", List.of(signal), RUNBOOK, now, "health-monitor");
    }

    /** With a dedup key of the test's own (flapping is per dedup key). */
    public static IncidentOpened opened(String component, Severity severity, String dedupKey) {
        IncidentOpened o = opened(component, severity);
        return new IncidentOpened(o.incidentId(), dedupKey, o.severity(), o.component(), o.kind(), o.summary(),
                o.signals(), o.runbookUrl(), o.openedAt(), o.raisedBy());
    }

    public static IncidentResolved resolved(IncidentOpened opened) {
        return new IncidentResolved(opened.incidentId(), opened.dedupKey(), "health check passes again",
                "health-monitor", Instant.now(), opened.component());
    }

    public static IncidentUpdated updated(IncidentOpened opened, Severity severity, int occurrences) {
        return new IncidentUpdated(opened.incidentId(), opened.dedupKey(), severity, opened.summary() + " (again)",
                opened.signals(), occurrences, Instant.now(), opened.component());
    }

    public static IncidentAcknowledged acknowledged(IncidentOpened opened, String by, String via) {
        return new IncidentAcknowledged(opened.incidentId(), by, via, Instant.now());
    }

    /** Publishes an event the way producers do (value = JSON data, key = the topic's key, CloudEvents headers). */
    public static <T> void publish(EventTopics topics, EventType<T> type, T payload) {
        publish(topics, type, payload, type.key(payload));
    }

    public static <T> void publish(EventTopics topics, EventType<T> type, T payload, String key) {
        topics.sendRaw(type.topic(), key, EventCodec.encode(type, payload), Map.of(
                "ce_specversion", "1.0",
                "ce_id", UUID.randomUUID().toString(),
                "ce_source", "urn:lifeline:health-monitor",
                "ce_type", type.cloudEventType(),
                "ce_subject", type.subject(payload),
                "content-type", "application/json"));
    }

    public static void open(EventTopics topics, IncidentOpened opened) {
        publish(topics, EventTypes.INCIDENT_OPENED, opened);
    }
}
