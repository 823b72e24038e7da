package io.lifeline.health;

import java.time.Instant;
import java.util.List;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.testsupport.EventTopics;

/** Counting what is on the real broker, to assert that an event came exactly once. */
final class Events {

    private Events() {
    }

    static List<IncidentOpened> opened(EventTopics topics, String dedupKey, Instant since) {
        return topics.readAll(EventTypes.INCIDENT_OPENED.topic()).stream()
                .map(r -> EventCodec.decode(EventTypes.INCIDENT_OPENED, r.value()))
                .filter(e -> e.dedupKey().equals(dedupKey) && !e.openedAt().isBefore(since))
                .toList();
    }

    static List<IncidentResolved> resolved(EventTopics topics, String incidentId) {
        return topics.readAll(EventTypes.INCIDENT_RESOLVED.topic()).stream()
                .map(r -> EventCodec.decode(EventTypes.INCIDENT_RESOLVED, r.value()))
                .filter(e -> e.incidentId().equals(incidentId))
                .toList();
    }

    static List<IncidentUpdated> updated(EventTopics topics, String incidentId) {
        return topics.readAll(EventTypes.INCIDENT_UPDATED.topic()).stream()
                .map(r -> EventCodec.decode(EventTypes.INCIDENT_UPDATED, r.value()))
                .filter(e -> e.incidentId().equals(incidentId))
                .toList();
    }
}
