package io.lifeline.events.notification;

import static io.lifeline.events.internal.Checks.oneOf;
import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;
import java.util.Set;

/**
 * A notification about an incident was accepted by its channel.
 *
 * @param channel    {@code pagerduty}, {@code slack}, {@code ticket} or {@code status-page}
 * @param recipient  a role, Slack channel or service name; never a webhook URL or routing key (those are secrets)
 * @param externalId the channel's own id (PagerDuty dedup key, ticket number); null if the channel returns none
 */
public record NotificationSent(String notificationId, String incidentId, String channel, String recipient,
                               String externalId, Instant sentAt) {

    public static final String CHANNEL_PAGERDUTY = "pagerduty";
    public static final String CHANNEL_SLACK = "slack";
    public static final String CHANNEL_TICKET = "ticket";
    public static final String CHANNEL_STATUS_PAGE = "status-page";
    public static final Set<String> CHANNELS = Set.of(CHANNEL_PAGERDUTY, CHANNEL_SLACK, CHANNEL_TICKET,
            CHANNEL_STATUS_PAGE);

    public NotificationSent {
        text(notificationId, "notificationId");
        text(incidentId, "incidentId");
        oneOf(channel, "channel", CHANNELS);
        text(recipient, "recipient");
        optionalText(externalId, "externalId");
        required(sentAt, "sentAt");
    }
}
