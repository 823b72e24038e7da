package io.lifeline.messaging;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.lifeline.events.CloudEventAttributes;
import io.lifeline.events.EventCodec;
import io.lifeline.events.EventType;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Builds the one message shape every Lifeline producer sends: JSON data encoded by the
 * {@code events} codec, the topic's key, and CloudEvents 1.0 attributes (binary mode headers).
 * Setting them per message, rather than per channel, keeps {@code subject} and {@code id} right.
 */
public final class EventMessages {

    private EventMessages() {
    }

    public static <T> Message<String> of(EventType<T> type, T payload, String serviceName) {
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(UUID.randomUUID().toString())
                .withSource(source(serviceName))
                .withType(type.cloudEventType())
                .withSubject(type.subject(payload))
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withDataContentType(CloudEventAttributes.DATA_CONTENT_TYPE)
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(type.key(payload))
                .withTopic(type.topic())
                .build();
        return Message.of(EventCodec.encode(type, payload)).addMetadata(cloudEvent).addMetadata(record);
    }

    public static URI source(String serviceName) {
        return URI.create(CloudEventAttributes.source(serviceName));
    }
}
