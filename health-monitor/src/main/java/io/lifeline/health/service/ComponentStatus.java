package io.lifeline.health.service;

import java.time.Instant;
import java.util.List;

/**
 * One component as {@code GET /status} shows it.
 *
 * @param state     {@code up}, {@code degraded}, {@code flapping} or {@code unknown} (not probed yet)
 * @param since     when it entered that state, as far as the monitor knows
 * @param dependsOn the components it needs
 * @param incidents the incidents open against it
 */
public record ComponentStatus(String component, String state, Instant since, List<String> dependsOn,
        List<OpenIncident> incidents, List<ProbeStatus> probes) {

    public static final String UP = "up";
    public static final String DEGRADED = "degraded";
    public static final String FLAPPING = "flapping";
    public static final String UNKNOWN = "unknown";

    public record OpenIncident(String incidentId, String kind, String severity, Instant openedAt, String summary) {
    }
}
