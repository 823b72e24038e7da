package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * A restore of {@code target} was asked for. Keyed by target so that two requests for the same
 * database are seen in order by the one restore service instance that owns the partition.
 *
 * @param incidentId the incident this restore answers, if any
 */
public record RestoreRequested(String requestId, String target, BackupSelector selector, String incidentId,
                               String requestedBy, Instant requestedAt) {

    public RestoreRequested {
        text(requestId, "requestId");
        text(target, "target");
        required(selector, "selector");
        optionalText(incidentId, "incidentId");
        text(requestedBy, "requestedBy");
        required(requestedAt, "requestedAt");
    }
}
