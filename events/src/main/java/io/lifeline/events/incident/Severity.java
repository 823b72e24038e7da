package io.lifeline.events.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Severities of the recovery plan, most severe first. On the wire they are lower-case
 * ({@code "critical"}), the spelling the plan, PagerDuty and people use.
 */
public enum Severity {
    /** System down: page the lead now, Slack #incidents, status page. */
    CRITICAL,
    /** Degraded: notify the team lead, open a ticket. */
    HIGH,
    /** Non-critical: ticket, business hours. */
    MEDIUM;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts any case so that configuration values like {@code CRITICAL} work too. */
    @JsonCreator
    public static Severity fromWireName(String value) {
        if (value != null) {
            for (Severity severity : values()) {
                if (severity.name().equalsIgnoreCase(value.trim())) {
                    return severity;
                }
            }
        }
        throw new IllegalArgumentException("severity must be one of "
                + Arrays.stream(values()).map(Severity::wireName).toList());
    }

    public boolean isMoreSevereThan(Severity other) {
        return compareTo(other) < 0;
    }

    /** The more severe of the two: an open incident never silently loses severity. */
    public static Severity mostSevere(Severity a, Severity b) {
        return b.isMoreSevereThan(a) ? b : a;
    }
}
