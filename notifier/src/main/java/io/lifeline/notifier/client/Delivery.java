package io.lifeline.notifier.client;

import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt to deliver a notification came to. Reasons name the status and the service's
 * own error code, never a URL or a key.
 */
public record Delivery(Outcome outcome, String reason, String externalId, Optional<Duration> retryAfter) {

    public enum Outcome {
        /** Accepted by the channel. */
        SENT,
        /** Not taken this time (429, 5xx, network): try again later. */
        RETRY,
        /** Refused in a way retrying cannot fix (400, 403, 404, 410, nothing configured). */
        FINAL
    }

    public static Delivery sent(String externalId) {
        return new Delivery(Outcome.SENT, null, externalId, Optional.empty());
    }

    public static Delivery retry(String reason, Optional<Duration> retryAfter) {
        return new Delivery(Outcome.RETRY, reason, null, retryAfter);
    }

    public static Delivery finalFailure(String reason) {
        return new Delivery(Outcome.FINAL, reason, null, Optional.empty());
    }

    /** Retry-After in seconds (the only form Slack and PagerDuty use); anything else is ignored. */
    public static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A network failure, named by its type only: exception messages can carry the address. */
    public static Delivery networkError(Throwable failure) {
        return retry("network error: " + failure.getClass().getSimpleName(), Optional.empty());
    }
}
