package io.lifeline.events.health;

import static io.lifeline.events.internal.Checks.nonEmptyList;
import static io.lifeline.events.internal.Checks.oneOf;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;
import static io.lifeline.events.internal.Checks.textList;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A maintenance window closed: failures of {@code components} page again.
 *
 * @param how {@code expired} (its end came) or {@code cancelled} (ended early by an operator)
 */
public record MaintenanceEnded(String windowId, List<String> components, Instant endedAt, String how) {

    public static final String EXPIRED = "expired";
    public static final String CANCELLED = "cancelled";

    public MaintenanceEnded {
        text(windowId, "windowId");
        components = nonEmptyList(textList(components, "components"), "components");
        required(endedAt, "endedAt");
        oneOf(how, "how", Set.of(EXPIRED, CANCELLED));
    }
}
