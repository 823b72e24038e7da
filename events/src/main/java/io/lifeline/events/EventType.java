package io.lifeline.events;

import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a producer or consumer needs to know about one topic: its name, its payload record,
 * its Kafka key (so that one story stays in one partition, in order) and its CloudEvents subject.
 */
public record EventType<T>(String topic, Class<T> payloadClass, Function<T, String> keyOf,
                           Function<T, String> subjectOf) {

    public static final String CLOUD_EVENT_TYPE_PREFIX = "lifeline.";
    public static final String SCHEMA_ID_PREFIX = "https://lifeline.io/schemas/";

    public EventType {
        Objects.requireNonNull(topic, "topic is required");
        Objects.requireNonNull(payloadClass, "payloadClass is required");
        Objects.requireNonNull(keyOf, "keyOf is required");
        Objects.requireNonNull(subjectOf, "subjectOf is required");
    }

    /** CloudEvents {@code type}, e.g. {@code lifeline.health.degraded}. */
    public String cloudEventType() {
        return CLOUD_EVENT_TYPE_PREFIX + topic;
    }

    /** Classpath location of this topic's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + topic + ".schema.json";
    }

    /** The schema's {@code $id}; only a name, resolved from the classpath, never fetched. */
    public String schemaId() {
        return SCHEMA_ID_PREFIX + topic + ".schema.json";
    }

    public String key(T payload) {
        return requireValue(keyOf.apply(Objects.requireNonNull(payload, "payload is required")), "key");
    }

    public String subject(T payload) {
        return requireValue(subjectOf.apply(Objects.requireNonNull(payload, "payload is required")), "subject");
    }

    /** Casts a payload of unknown static type, failing with a message that names this topic. */
    public T cast(Object payload) {
        Objects.requireNonNull(payload, "payload is required");
        if (!payloadClass.isInstance(payload)) {
            throw new IllegalArgumentException(topic + " carries " + payloadClass.getName()
                    + ", not " + payload.getClass().getName());
        }
        return payloadClass.cast(payload);
    }

    // A null key would scatter one story over partitions; fail at the producer instead.
    private String requireValue(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(topic + " payload has no " + what);
        }
        return value;
    }

    @Override
    public String toString() {
        return "EventType[" + topic + " -> " + payloadClass.getSimpleName() + "]";
    }
}
