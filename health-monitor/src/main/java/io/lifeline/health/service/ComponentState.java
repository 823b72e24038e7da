package io.lifeline.health.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.lifeline.events.health.ProbeResult;

/**
 * The flap-free view of one probe: a component turns degraded only after N consecutive failures
 * and recovered only after M consecutive successes, so one slow answer never pages anybody. It also
 * remembers when it flipped, so that a component flipping too often can be reported as flapping once.
 */
public final class ComponentState {

    public enum Transition { NONE, DEGRADED, RECOVERED }

    private static final int KEPT_RESULTS = 10;
    private static final int KEPT_FLIPS = 64;

    private final int failureThreshold;
    private final int recoveryThreshold;
    private final Deque<ProbeResult> recent = new ArrayDeque<>();
    private final Deque<Instant> flips = new ArrayDeque<>();
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private Instant degradedSince;
    private Instant lastOutageStart;
    private Instant upSince;
    private boolean flapping;
    private ProbeResult last;

    public ComponentState(int failureThreshold, int recoveryThreshold) {
        if (failureThreshold < 1 || recoveryThreshold < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.recoveryThreshold = recoveryThreshold;
    }

    /** A state as persisted before a restart; counts start afresh, the degraded state and flips do not. */
    public static ComponentState restore(int failureThreshold, int recoveryThreshold, Snapshot snapshot) {
        ComponentState state = new ComponentState(failureThreshold, recoveryThreshold);
        state.degradedSince = snapshot.degradedSince();
        state.lastOutageStart = snapshot.lastOutageStart();
        state.upSince = snapshot.upSince();
        state.flapping = snapshot.flapping();
        state.flips.addAll(snapshot.flips());
        if (snapshot.last() != null) {
            state.last = snapshot.last();
            state.recent.add(snapshot.last());
        }
        return state;
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
                upSince = result.at();
                flip(result.at());
                return Transition.RECOVERED;
            }
            if (degradedSince == null && upSince == null) {
                upSince = result.at();
            }
            return Transition.NONE;
        }
        consecutiveSuccesses = 0;
        consecutiveFailures++;
        if (degradedSince == null && consecutiveFailures >= failureThreshold) {
            degradedSince = firstFailureOfTheRun();
            upSince = null;
            flip(result.at());
            return Transition.DEGRADED;
        }
        return Transition.NONE;
    }

    /** Keeps the latest result on display without counting it (e.g. a corruption finding, not an outage). */
    public synchronized void show(ProbeResult result) {
        last = result;
        recent.addLast(result);
        if (recent.size() > KEPT_RESULTS) {
            recent.removeFirst();
        }
    }

    /** How many times the state flipped within the window ending now. */
    public synchronized int flipsWithin(Duration window, Instant now) {
        Instant from = now.minus(window);
        while (!flips.isEmpty() && flips.peekFirst().isBefore(from)) {
            flips.removeFirst();
        }
        return flips.size();
    }

    public synchronized Instant lastFlip() {
        return flips.peekLast();
    }

    public synchronized boolean flapping() {
        return flapping;
    }

    public synchronized void flapping(boolean value) {
        flapping = value;
    }

    public synchronized boolean degraded() {
        return degradedSince != null;
    }

    public synchronized Instant degradedSince() {
        return degradedSince;
    }

    /** Since when the component has been up; null while degraded or before the first success. */
    public synchronized Instant upSince() {
        return upSince;
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

    public synchronized Snapshot snapshot() {
        return new Snapshot(degradedSince, lastOutageStart, upSince, flapping, new ArrayList<>(flips), last);
    }

    private void flip(Instant at) {
        flips.addLast(at);
        if (flips.size() > KEPT_FLIPS) {
            flips.removeFirst();
        }
    }

    private Instant firstFailureOfTheRun() {
        List<ProbeResult> results = List.copyOf(recent);
        return results.get(Math.max(0, results.size() - consecutiveFailures)).at();
    }

    /** What survives a restart. */
    public record Snapshot(Instant degradedSince, Instant lastOutageStart, Instant upSince, boolean flapping,
            List<Instant> flips, ProbeResult last) {

        public Snapshot {
            flips = flips == null ? List.of() : List.copyOf(flips);
        }
    }
}
