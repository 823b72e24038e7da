package io.lifeline.health.service;

import java.time.Instant;
import java.util.Map;

import io.lifeline.events.health.ProbeResult;

/**
 * What an operator sees of one probe: its component, whether it is degraded or flapping, its last
 * result and what it measured (row count, memory, lag, free bytes).
 */
public record ProbeStatus(String name, String type, String component, String target, boolean degraded,
        Instant degradedSince, boolean flapping, int consecutiveFailures, ProbeResult lastResult,
        Map<String, Object> measurements) {
}
