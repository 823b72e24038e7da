package io.lifeline.health.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What every prober needs to turn an exception into a short, secret-free reason. */
public final class Failures {

    private static final int MAX_ERROR_LENGTH = 300;

    private Failures() {
    }

    // Exceptions from clients often carry no message (a refused connection, say): name the type.
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return truncate(text);
    }

    public static String truncate(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    public static long elapsed(Clock clock, Instant start) {
        return Math.max(0, Duration.between(start, clock.instant()).toMillis());
    }
}
