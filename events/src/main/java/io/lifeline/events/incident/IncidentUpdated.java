package io.lifeline.events.incident;

import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.list;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import io.lifeline.events.EventType;
import io.lifeline.events.EventTypes;
import java.time.Instant;
import java.util.List;

/**
 * The failure behind an open incident was seen again. Carries the whole current state (not a
 * delta) so that a consumer that missed earlier updates is still right.
 *
 * @param severity    the most severe seen while open: a rise here is an escalation
 * @param summary     the latest summary
 * @param signals     the incident's signals, capped (the first is always kept, then the most recent)
 * @param occurrences how many times the failure was reported since the incident opened
 * @param component   the component, so that consumers can route without having seen {@code incident.opened}
 */
public record IncidentUpdated(String incidentId, String dedupKey, Severity severity, String summary,
                              List<Signal> signals, int occurrences, Instant updatedAt, String component)
        implements IncidentChange {

    public IncidentUpdated {
        text(incidentId, "incidentId");
        text(dedupKey, "dedupKey");
        required(severity, "severity");
        text(summary, "summary");
        signals = list(signals, "signals");
        atLeast(occurrences, 1, "occurrences");
        required(updatedAt, "updatedAt");
        text(component, "component");
    }

    @Override
    public EventType<IncidentUpdated> eventType() {
        return EventTypes.INCIDENT_UPDATED;
    }

    @Override
    public String key() {
        return EventTypes.INCIDENT_UPDATED.key(this);
    }

    @Override
    public String subject() {
        return EventTypes.INCIDENT_UPDATED.subject(this);
    }
}
