package io.lifeline.events.health;

import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * One probe run.
 *
 * @param status what the probe saw, e.g. an HTTP status or {@code PONG}; null when nothing answered
 * @param error  why it failed; null when {@code ok}. Never a connection string or credential.
 */
public record ProbeResult(String probe, boolean ok, String status, long latencyMillis, String error, Instant at) {

    public ProbeResult {
        text(probe, "probe");
        optionalText(status, "status");
        atLeast(latencyMillis, 0, "latencyMillis");
        optionalText(error, "error");
        required(at, "at");
    }
}
