package io.lifeline.notifier.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.notifier.Notification;
import io.lifeline.notifier.repository.NotificationRepository;
import io.lifeline.notifier.repository.NotificationRepository.Pending;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Recovery events that answer no incident (a failed backup, a drill, content missing, lost or
 * re-pinned, a contract paused by hand) are still news for whoever runs the platform: posted to the
 * operations Slack channel through the outbox. The outbox row is keyed by the event's own identity
 * ({@code ops:<topic>:<backupId|drillId|cid...>} as its incident, the same as its step), so a
 * redelivered event posts nothing new, and one post that keeps failing holds up no other.
 */
@ApplicationScoped
public class OperationsNotices {

    /** What stands for the incident of a post that has none: also its {@code notification.*} incidentId. */
    public static final String PREFIX = "ops:";

    private final NotificationRepository outbox;
    private final Routing routing;
    private final MessageComposer compose;
    private final Clock clock;

    public OperationsNotices(NotificationRepository outbox, Routing routing, MessageComposer compose, Clock clock) {
        this.outbox = outbox;
        this.routing = routing;
        this.compose = compose;
        this.clock = clock;
    }

    /** Queues the post unless this event (by {@code identity}) was posted already; true when queued. */
    @WithTransaction
    public Uni<Boolean> post(String identity, String headline, String what) {
        String channel = routing.operationsSlackChannel();
        String reference = PREFIX + identity;
        Pending row = new Pending(reference, reference, Notification.SLACK, channel, routing.slackChannelName(channel),
                compose.slackOperations(headline, what, "`" + reference + "`"));
        return outbox.enqueue(row, clock.instant());
    }
}
