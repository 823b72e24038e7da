package io.lifeline.events.incident;

import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * Nobody acknowledged in time (or severity rose): the next level of the routing was notified.
 *
 * @param level  1 for the first escalation, counting up
 * @param role   the role notified, e.g. {@code devops-lead}
 * @param person who holds that role now; null when the routing names only the role
 */
public record IncidentEscalated(String incidentId, int level, String role, String person, String reason,
                                Instant escalatedAt) {

    public IncidentEscalated {
        text(incidentId, "incidentId");
        atLeast(level, 1, "level");
        text(role, "role");
        optionalText(person, "person");
        text(reason, "reason");
        required(escalatedAt, "escalatedAt");
    }
}
