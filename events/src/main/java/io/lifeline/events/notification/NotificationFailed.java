package io.lifeline.events.notification;

import static io.lifeline.events.internal.Checks.oneOf;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * A notification attempt failed.
 *
 * @param reason       e.g. {@code 429 rate limited}; never the webhook URL or routing key
 * @param finalFailure true when no retry will follow (retries exhausted, or a 4xx that retrying cannot fix)
 */
public record NotificationFailed(String notificationId, String incidentId, String channel, String recipient,
                                 String reason, boolean finalFailure, Instant failedAt) {

    public NotificationFailed {
        text(notificationId, "notificationId");
        text(incidentId, "incidentId");
        oneOf(channel, "channel", NotificationSent.CHANNELS);
        text(recipient, "recipient");
        text(reason, "reason");
        required(failedAt, "failedAt");
    }
}
