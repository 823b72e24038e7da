package io.lifeline.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Objects;

import io.lifeline.events.CloudEventEnvelope;
import io.lifeline.events.EventCodec;
import io.lifeline.events.EventType;

/**
 * One event as the outbox holds it: the Kafka record (topic, key, JSON data checked against its
 * schema) and its CloudEvents attributes. The id is fixed here, once, so every retry of the relay
 * publishes the same id and a consumer can tell a re-delivery from a new event.
 */
public record OutboxEvent(String id, String topic, String key, String type, String source, String subject,
                          OffsetDateTime time, String data) {

    public OutboxEvent {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(topic, "topic is required");
        Objects.requireNonNull(key, "key is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(source, "source is required");
        Objects.requireNonNull(subject, "subject is required");
        Objects.requireNonNull(time, "time is required");
        Objects.requireNonNull(data, "data is required");
    }

    /** The event of {@code type} about {@code payload}, raised by {@code serviceName} now. */
    public static <T> OutboxEvent of(EventType<T> type, T payload, String serviceName, Clock clock) {
        CloudEventEnvelope envelope = CloudEventEnvelope.of(type, payload, serviceName, clock);
        return new OutboxEvent(envelope.id(), type.topic(), type.key(payload), envelope.type(), envelope.source(),
                envelope.subject(), envelope.time(), EventCodec.encode(type, payload));
    }

    /** For a payload whose type is known only at run time (an {@code IncidentChange}, say). */
    public static OutboxEvent ofAny(EventType<?> type, Object payload, String serviceName, Clock clock) {
        return typed(type, payload, serviceName, clock);
    }

    private static <T> OutboxEvent typed(EventType<T> type, Object payload, String serviceName, Clock clock) {
        return of(type, type.cast(payload), serviceName, clock);
    }
}
