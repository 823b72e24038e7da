package io.lifeline.events.incident;

import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.list;
import static io.lifeline.events.internal.Checks.optionalAbsoluteUri;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;
import java.util.List;

/**
 * The current state of one open incident, as a monitor's {@link IncidentTracker} holds it (and
 * persists it across restarts through {@link IncidentTracker#open()} / {@link IncidentTracker#restore}).
 *
 * @param dedupKey    {@code component/kind}, see {@link IncidentTracker#dedupKey(String, String)}
 * @param signals     oldest first; the first one (what opened the incident) is always kept
 * @param runbookUrl  absolute URL of the runbook; null if there is none
 * @param raisedBy    the service that opened the incident
 * @param occurrences how many times the failure was reported while open (1 when opened)
 * @param updatedAt   when the failure was last reported
 */
public record Incident(String id, String dedupKey, Severity severity, String component, String kind, String summary,
                       List<Signal> signals, String runbookUrl, Instant openedAt, String raisedBy, int occurrences,
                       Instant updatedAt) {

    public Incident {
        text(id, "id");
        text(dedupKey, "dedupKey");
        required(severity, "severity");
        text(component, "component");
        text(kind, "kind");
        text(summary, "summary");
        signals = list(signals, "signals");
        optionalAbsoluteUri(runbookUrl, "runbookUrl");
        required(openedAt, "openedAt");
        text(raisedBy, "raisedBy");
        atLeast(occurrences, 1, "occurrences");
        required(updatedAt, "updatedAt");
    }
}
