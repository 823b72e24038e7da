package io.lifeline.events.incident;

import static io.lifeline.events.internal.Checks.map;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;
import java.util.Map;

/**
 * One observation that caused or fed an incident.
 *
 * @param type   what was seen, e.g. {@code probe.failed}, {@code health.degraded}, {@code contract.anomaly}
 * @param source who saw it, e.g. {@code health-monitor/api-http}
 * @param detail free-form, JSON-friendly values (strings, numbers, booleans, lists, maps); never secrets
 */
public record Signal(String type, String source, Instant at, Map<String, Object> detail) {

    public Signal {
        text(type, "type");
        text(source, "source");
        required(at, "at");
        detail = map(detail, "detail");
    }
}
