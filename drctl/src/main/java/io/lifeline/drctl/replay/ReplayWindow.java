package io.lifeline.drctl.replay;

import java.time.Instant;

/** The time range a replay reads, by record timestamp: {@code from} inclusive, {@code to} exclusive. */
public record ReplayWindow(Instant from, Instant to) {

    public ReplayWindow {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a replay needs both --from and --to");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
