package io.lifeline.health.service;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.lifeline.events.health.ProbeResult;

/**
 * The flap-free view of one probe: a component turns degraded only after N consecutive failures
 * and recovered only after M consecutive successes, so one slow answer never pages anybody.
 */
public final class ComponentState {

    public enum Transition { NONE, DEGRADED, RECOVERED }

    private static final int KEPT_RESULTS = 10;

    private final int failureThreshold;
    private final int recoveryThreshold;
    private final Deque<ProbeResult> recent = new ArrayDeque<>();
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private Instant degradedSince;
    private Instant lastOutageStart;
    private ProbeResult last;

    public ComponentState(int failureThreshold, int recoveryThreshold) {
        if (failureThreshold < 1 || recoveryThreshold < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.recoveryThreshold = recoveryThreshold;
    }

    public synchronized Transition record(ProbeResult result) {
        last = result;
        recent.addLast(result);
        if (recent.size() > KEPT_RESULTS) {
            recent.removeFirst();
        }
        if (result.ok()) {
            consecutiveFailures = 0;
            consecutiveSuccesses++;
            if (degradedSince != null && consecutiveSuccesses >= recoveryThreshold) {
                lastOutageStart = degradedSince;
                degradedSince = null;
                return Transition.RECOVERED;
            }
            return Transition.NONE;
        }
        consecutiveSuccesses = 0;
        consecutiveFailures++;
        if (degradedSince == null && consecutiveFailures >= failureThreshold) {
            degradedSince = firstFailureOfTheRun();
            return Transition.DEGRADED;
        }
        return Transition.NONE;
    }

    public synchronized boolean degraded() {
        return degradedSince != null;
    }

    public synchronized Instant degradedSince() {
        return degradedSince;
    }

    /** When the outage that ended last began: what a recovery event reports. */
    public synchronized Instant lastOutageStart() {
        return lastOutageStart;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    public synchronized ProbeResult last() {
        return last;
    }

    /** The latest results, oldest first: the evidence a health event carries. */
    public synchronized List<ProbeResult> recentResults() {
        return List.copyOf(recent);
    }

    private Instant firstFailureOfTheRun() {
        List<ProbeResult> results = List.copyOf(recent);
        return results.get(Math.max(0, results.size() - consecutiveFailures)).at();
    }
}
