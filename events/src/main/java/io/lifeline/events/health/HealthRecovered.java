package io.lifeline.events.health;

import static io.lifeline.events.internal.Checks.list;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;
import java.util.List;

/**
 * {@code component} passes {@code probe} again.
 *
 * @param degradedSince when the degradation began; null if the monitor no longer knows (e.g. it restarted)
 */
public record HealthRecovered(String component, String probe, Instant at, Instant degradedSince,
                              List<ProbeResult> results) {

    public HealthRecovered {
        text(component, "component");
        text(probe, "probe");
        required(at, "at");
        results = list(results, "results");
    }
}
