package io.lifeline.health.probe;

import java.util.List;
import java.util.Map;

import io.lifeline.events.health.ProbeResult;

/**
 * One probe run: the result that goes into health events (up or down) plus anything else it found.
 *
 * @param measurements numbers worth showing on {@code GET /status} (row count, memory, lag, free bytes)
 */
public record ProbeOutcome(ProbeResult result, List<Finding> findings, Map<String, Object> measurements) {

    public ProbeOutcome {
        findings = findings == null ? List.of() : List.copyOf(findings);
        measurements = measurements == null ? Map.of() : Map.copyOf(measurements);
    }

    public static ProbeOutcome of(ProbeResult result) {
        return new ProbeOutcome(result, List.of(), Map.of());
    }

    public ProbeOutcome with(Finding finding) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.add(finding);
        return new ProbeOutcome(result, all, measurements);
    }

    public boolean hasCorruption() {
        return findings.stream().anyMatch(Finding::isCorruption);
    }
}
