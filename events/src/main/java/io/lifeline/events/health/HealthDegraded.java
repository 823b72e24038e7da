package io.lifeline.events.health;

import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.list;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;
import java.util.List;

/**
 * {@code component} failed {@code probe} enough times in a row to count as degraded.
 *
 * @param since   when the first of the consecutive failures happened
 * @param results the recent probe results that led here, oldest first
 */
public record HealthDegraded(String component, String probe, Instant since, int consecutiveFailures,
                             List<ProbeResult> results) {

    public HealthDegraded {
        text(component, "component");
        text(probe, "probe");
        required(since, "since");
        atLeast(consecutiveFailures, 1, "consecutiveFailures");
        results = list(results, "results");
    }
}
