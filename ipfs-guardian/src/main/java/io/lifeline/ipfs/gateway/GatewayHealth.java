package io.lifeline.ipfs.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One gateway's health: a moving success rate and time to first byte (exponentially weighted, so
 * recent answers count most) and a circuit breaker. Transient failures in a row open the circuit;
 * after {@code openFor} one trial request is let through (half-open); its success closes it.
 * A permanent answer (404) is a healthy answer: the gateway works, it just lacks the content.
 * Thread-safe.
 */
public final class GatewayHealth {

    private static final double WEIGHT = 0.2;

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final String name;
    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;

    private double successRate = 1.0;
    private double ttfbMillis = 0;
    private long requests;
    private int consecutiveFailures;
    private State state = State.CLOSED;
    private Instant openedAt;
    private boolean trialInFlight;

    public GatewayHealth(String name, int failureThreshold, Duration openFor, Clock clock) {
        this.name = name;
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** May a request go out now? In half-open state only one trial at a time. */
    public synchronized boolean allowRequest() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.OPEN) {
            return false;
        }
        if (state == State.HALF_OPEN) {
            if (trialInFlight) {
                return false;
            }
            trialInFlight = true;
        }
        return true;
    }

    public synchronized void success(Duration ttfb) {
        requests++;
        successRate = successRate * (1 - WEIGHT) + WEIGHT;
        ttfbMillis = requests == 1 ? ttfb.toMillis() : ttfbMillis * (1 - WEIGHT) + WEIGHT * ttfb.toMillis();
        consecutiveFailures = 0;
        state = State.CLOSED;
        trialInFlight = false;
    }

    /** A transient failure or a lie: counts against the gateway. */
    public synchronized void failure() {
        requests++;
        successRate = successRate * (1 - WEIGHT);
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
        trialInFlight = false;
    }

    public synchronized Snapshot snapshot() {
        State shown = state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor)) ? State.HALF_OPEN : state;
        return new Snapshot(name, shown.name().toLowerCase(), Math.round(successRate * 1000) / 1000.0,
                Math.round(ttfbMillis), requests, consecutiveFailures, score());
    }

    /** 0..100: success rate, minus up to 20 points for a slow first byte (2 s or more). */
    private double score() {
        double slowness = Math.min(1.0, ttfbMillis / 2000.0);
        return Math.round((successRate * 100 - 20 * slowness) * 10) / 10.0;
    }

    public record Snapshot(String name, String circuit, double successRate, long ttfbMillis, long requests,
                           int consecutiveFailures, double score) {
    }
}
