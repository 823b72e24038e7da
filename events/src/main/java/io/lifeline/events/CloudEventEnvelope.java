package io.lifeline.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents attributes of one outgoing event, derived from its type and payload so that no
 * producer spells them by hand.
 */
public record CloudEventEnvelope(String id, String source, String type, String subject, OffsetDateTime time,
                                 String dataContentType) {

    public CloudEventEnvelope {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(source, "source is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(subject, "subject is required");
        Objects.requireNonNull(time, "time is required");
        Objects.requireNonNull(dataContentType, "dataContentType is required");
    }

    /** A new envelope with a random id, the time now (UTC), and the subject of {@code payload}. */
    public static CloudEventEnvelope of(EventType<?> type, Object payload, String serviceName) {
        return of(type, payload, serviceName, Clock.systemUTC());
    }

    public static CloudEventEnvelope of(EventType<?> type, Object payload, String serviceName, Clock clock) {
        Objects.requireNonNull(type, "type is required");
        return new CloudEventEnvelope(UUID.randomUUID().toString(), CloudEventAttributes.source(serviceName),
                type.cloudEventType(), subjectOf(type, payload), OffsetDateTime.now(clock).withOffsetSameInstant(
                        ZoneOffset.UTC), CloudEventAttributes.DATA_CONTENT_TYPE);
    }

    public String specVersion() {
        return CloudEventAttributes.SPEC_VERSION;
    }

    private static <T> String subjectOf(EventType<T> type, Object payload) {
        return type.subject(type.cast(payload));
    }
}
