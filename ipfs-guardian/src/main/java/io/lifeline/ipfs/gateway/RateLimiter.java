package io.lifeline.ipfs.gateway;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces requests to one remote at most {@code perSecond} apart, across all workers: each caller
 * reserves the next free slot and waits for it. Third parties throttle (429) whoever goes faster.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private long nextFree = System.nanoTime();

    public RateLimiter(double perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
    }

    public void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextFree);
            nextFree = slot + intervalNanos;
        }
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
