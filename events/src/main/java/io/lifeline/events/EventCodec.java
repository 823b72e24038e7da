package io.lifeline.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Event payloads to and from JSON. Decoding validates against the topic's schema first, so a
 * consumer either gets a valid record or an {@link InvalidEventException} to dead-letter.
 */
public final class EventCodec {

    private EventCodec() {
    }

    /** The payload as JSON, with {@link EventJson}'s settings. */
    public static String encode(Object payload) {
        Objects.requireNonNull(payload, "payload is required");
        try {
            return EventJson.mapper().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + payload.getClass().getName(), e);
        }
    }

    /**
     * Encodes and checks the result against the topic's schema: for producers that want the
     * guarantee that what they send is what consumers accept.
     */
    public static <T> String encode(EventType<T> type, T payload) {
        Objects.requireNonNull(type, "type is required");
        String json = encode(type.cast(payload));
        List<String> problems = SchemaValidator.validate(type, json);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(type.topic(), problems);
        }
        return json;
    }

    public static <T> T decode(EventType<T> type, String json) {
        Objects.requireNonNull(type, "type is required");
        JsonNode tree = SchemaValidator.parse(type, json);
        List<String> problems = SchemaValidator.validate(type, tree);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(type.topic(), problems);
        }
        try {
            return EventJson.mapper().treeToValue(tree, type.payloadClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Valid by schema but refused by the record (a rule the schema cannot express, a number too big).
            throw new InvalidEventException(type.topic(), List.of(mappingProblem(e)), e);
        }
    }

    /** Decodes UTF-8 bytes, as they come off a Kafka record. */
    public static <T> T decode(EventType<T> type, byte[] json) {
        Objects.requireNonNull(type, "type is required");
        return decode(type, json == null ? null : new String(json, StandardCharsets.UTF_8));
    }

    private static String mappingProblem(Exception e) {
        String path = "$";
        if (e instanceof JsonMappingException mapping) {
            path = jsonPath(mapping.getPath());
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            // Our own constructor checks: their messages name fields, never values of secrets.
            return path + ": " + e.getCause().getMessage();
        }
        return path + ": cannot be read as the expected type";
    }

    private static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
