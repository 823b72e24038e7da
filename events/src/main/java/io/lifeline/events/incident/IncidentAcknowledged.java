package io.lifeline.events.incident;

import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * A person took the incident: escalation stops.
 *
 * @param via where the acknowledgement came from, e.g. {@code pagerduty}, {@code slack}, {@code drctl}
 */
public record IncidentAcknowledged(String incidentId, String acknowledgedBy, String via, Instant acknowledgedAt) {

    public IncidentAcknowledged {
        text(incidentId, "incidentId");
        text(acknowledgedBy, "acknowledgedBy");
        text(via, "via");
        required(acknowledgedAt, "acknowledgedAt");
    }
}
