package io.lifeline.notifier.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.Topics;
import io.lifeline.events.incident.IncidentAcknowledged;
import io.lifeline.events.incident.IncidentEscalated;
import io.lifeline.events.notification.NotificationFailed;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.messaging.EventMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The notifier's outgoing events. Each {@code Uni} completes when Kafka has the record (acks=all);
 * the relay marks an outbox row done only after that, so an event is never lost (at worst repeated,
 * with the same notification id).
 */
@ApplicationScoped
public class NotifierEventPublisher {

    public static final String NOTIFICATION_SENT = "notification-sent";
    public static final String NOTIFICATION_FAILED = "notification-failed";
    public static final String INCIDENT_ACKNOWLEDGED_OUT = "incident-acknowledged-out";
    public static final String INCIDENT_ESCALATED = "incident-escalated";

    private final MutinyEmitter<String> sent;
    private final MutinyEmitter<String> failed;
    private final MutinyEmitter<String> acknowledged;
    private final MutinyEmitter<String> escalated;
    private final String serviceName;

    public NotifierEventPublisher(@Channel(NOTIFICATION_SENT) MutinyEmitter<String> sent,
            @Channel(NOTIFICATION_FAILED) MutinyEmitter<String> failed,
            @Channel(INCIDENT_ACKNOWLEDGED_OUT) MutinyEmitter<String> acknowledged,
            @Channel(INCIDENT_ESCALATED) MutinyEmitter<String> escalated,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.sent = sent;
        this.failed = failed;
        this.acknowledged = acknowledged;
        this.escalated = escalated;
        this.serviceName = serviceName;
    }

    public Uni<Void> sent(NotificationSent event) {
        return sent.sendMessage(EventMessages.of(EventTypes.NOTIFICATION_SENT, event, serviceName));
    }

    public Uni<Void> failed(NotificationFailed event) {
        return failed.sendMessage(EventMessages.of(EventTypes.NOTIFICATION_FAILED, event, serviceName));
    }

    /** Publishes an incident event that the outbox holds as JSON (topic = the row's target). */
    public Uni<Void> incidentEvent(String topic, String json) {
        return switch (topic) {
            case Topics.INCIDENT_ACKNOWLEDGED -> acknowledged.sendMessage(EventMessages.of(
                    EventTypes.INCIDENT_ACKNOWLEDGED, EventCodec.decode(EventTypes.INCIDENT_ACKNOWLEDGED, json),
                    serviceName));
            case Topics.INCIDENT_ESCALATED -> escalated.sendMessage(EventMessages.of(
                    EventTypes.INCIDENT_ESCALATED, EventCodec.decode(EventTypes.INCIDENT_ESCALATED, json),
                    serviceName));
            default -> Uni.createFrom().failure(new IllegalStateException("the outbox cannot publish " + topic));
        };
    }

    /** For the outbox: the JSON of an event, checked against its schema now rather than at relay time. */
    public static String encode(IncidentAcknowledged event) {
        return EventCodec.encode(EventTypes.INCIDENT_ACKNOWLEDGED, event);
    }

    public static String encode(IncidentEscalated event) {
        return EventCodec.encode(EventTypes.INCIDENT_ESCALATED, event);
    }
}
