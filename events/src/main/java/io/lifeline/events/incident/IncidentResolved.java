package io.lifeline.events.incident;

import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * The incident is over. A later failure with the same dedup key opens a new incident.
 *
 * @param component the component, so that status pages can clear it without having seen {@code incident.opened}
 */
public record IncidentResolved(String incidentId, String dedupKey, String resolution, String resolvedBy,
                               Instant resolvedAt, String component) {

    public IncidentResolved {
        text(incidentId, "incidentId");
        text(dedupKey, "dedupKey");
        text(resolution, "resolution");
        text(resolvedBy, "resolvedBy");
        required(resolvedAt, "resolvedAt");
        text(component, "component");
    }
}
