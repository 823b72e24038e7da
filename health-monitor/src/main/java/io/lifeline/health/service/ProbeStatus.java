package io.lifeline.health.service;

import java.time.Instant;

import io.lifeline.events.health.ProbeResult;

/** What an operator sees of one probe: its component, whether it is degraded, its last result. */
public record ProbeStatus(String name, String component, String target, boolean degraded, Instant degradedSince,
        int consecutiveFailures, ProbeResult lastResult) {
}
