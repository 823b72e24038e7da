package io.lifeline.notifier.rest;

import java.time.Instant;
import java.util.List;

import io.lifeline.notifier.Notification;
import io.lifeline.notifier.TrackedIncident;

/** An incident as the API shows it: its state and every notification about it (never a secret). */
public record IncidentView(String id, String dedupKey, String component, String kind, String severity, String summary,
                           String role, boolean routedByDefault, String status, Instant openedAt,
                           String acknowledgedBy, Instant acknowledgedAt, Instant resolvedAt, int escalationLevel,
                           Instant nextEscalationAt, String groupedInto, int flaps,
                           List<NotificationView> notifications) {

    public record NotificationView(String id, String step, String channel, String recipient, String status,
                                   int attempts, Instant nextAttemptAt, String lastError, String externalId,
                                   Instant createdAt, Instant finishedAt) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.id, n.step, n.channel, n.recipient, n.status.name(), n.attempts,
                    n.nextAttemptAt, n.lastError, n.externalId, n.createdAt, n.finishedAt);
        }
    }

    public static IncidentView of(TrackedIncident i, List<Notification> notifications) {
        return new IncidentView(i.id, i.dedupKey, i.component, i.kind, i.severity, i.summary, i.role,
                i.routedByDefault, i.status.name(), i.openedAt, i.acknowledgedBy, i.acknowledgedAt, i.resolvedAt,
                i.escalationLevel, i.nextEscalationAt, i.groupedInto, i.flaps, notifications.stream().map(NotificationView::of).toList());
    }
}
