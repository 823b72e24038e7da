package io.lifeline.health.probe;

import java.util.Map;

/**
 * Something a probe saw beyond up or down, raised as its own incident kind: data corruption, slow
 * answers, consumer lag, memory. The probe names the kind; the monitor's configuration sets its severity.
 *
 * @param kind   the incident kind, e.g. {@link #DATABASE_CORRUPTION}
 * @param detail JSON-friendly values for the incident's signal; never secrets
 */
public record Finding(String kind, String summary, Map<String, Object> detail) {

    /** The kind restore-service answers: SQLSTATE XX001/XX002, or a watched table losing rows. */
    public static final String DATABASE_CORRUPTION = "database.corruption";
    /** Answers slower than the probe's {@code max-latency}, or an error rate above its threshold. */
    public static final String DEGRADED = "degraded";

    public Finding {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    public boolean isCorruption() {
        return DATABASE_CORRUPTION.equals(kind);
    }
}
