package io.lifeline.restore.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Times each stage of a restore, in the order they ran; a stage run twice (a second backup tried) adds up. */
public final class StageClock {

    private final Map<String, Long> millis = new LinkedHashMap<>();
    private final long startedNanos = System.nanoTime();
    private String current;
    private long currentStart;

    public synchronized void start(String stage) {
        stop();
        current = stage;
        currentStart = System.nanoTime();
    }

    public synchronized void stop() {
        if (current != null) {
            millis.merge(current, (System.nanoTime() - currentStart) / 1_000_000, Long::sum);
            current = null;
        }
    }

    public synchronized String current() {
        return current;
    }

    public synchronized Map<String, Long> snapshot() {
        Map<String, Long> copy = new LinkedHashMap<>(millis);
        if (current != null) {
            copy.merge(current, (System.nanoTime() - currentStart) / 1_000_000, Long::sum);
        }
        return Collections.unmodifiableMap(copy);
    }

    public long totalMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
