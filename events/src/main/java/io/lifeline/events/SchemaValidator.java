package io.lifeline.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Validates event JSON against the checked-in JSON Schema (draft 2020-12) of its topic.
 *
 * <p>Messages name the field ({@code $.component: is missing but it is required}) and never
 * repeat the value. Schemas are compiled once per topic and cached.
 */
public final class SchemaValidator {

    // Schema ids map to the classpath: validation never goes to the network.
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(EventType.SCHEMA_ID_PREFIX,
                    "classpath:schemas/")));

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            // 2020-12 treats "format" as an annotation by default; a bad date-time must be rejected.
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .build();

    private static final ConcurrentMap<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private SchemaValidator() {
    }

    /** Problems of {@code json} against the schema of {@code type}; empty when it is valid. */
    public static List<String> validate(EventType<?> type, String json) {
        Objects.requireNonNull(type, "type is required");
        try {
            return validate(type, parse(type, json));
        } catch (InvalidEventException e) {
            return e.problems();
        }
    }

    /** Problems of an already parsed event; empty when it is valid. */
    public static List<String> validate(EventType<?> type, JsonNode event) {
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(event, "event is required");
        return schema(type).validate(event).stream()
                .map(SchemaValidator::describe)
                .sorted()
                .toList();
    }

    static JsonNode parse(EventType<?> type, String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException(type.topic(), List.of("$: is empty, a JSON object is expected"));
        }
        try {
            return EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(type.topic(), List.of(notJson(e)));
        }
    }

    private static JsonSchema schema(EventType<?> type) {
        return SCHEMAS.computeIfAbsent(type.topic(), topic -> {
            if (SchemaValidator.class.getResource(type.schemaResource()) == null) {
                throw new IllegalStateException("no JSON Schema for " + topic + " at classpath:" + type.schemaResource());
            }
            JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(type.schemaId()), CONFIG);
            // Resolve $refs now so a broken schema fails on first use, not on some rare payload.
            schema.initializeValidators();
            return schema;
        });
    }

    /**
     * The library's message, reworded where it reads badly. Built from paths and schema values
     * only: the library's arguments may carry the offending value, which must not reach logs.
     */
    private static String describe(ValidationMessage message) {
        String path = message.getInstanceLocation().toString();
        JsonNode schemaValue = message.getSchemaNode();
        switch (message.getType()) {
            case "required":
                // Reported at the parent ("$: required property 'x' not found"); people look for the field.
                if (message.getProperty() != null) {
                    return message.getInstanceLocation().append(message.getProperty())
                            + ": is missing but it is required";
                }
                break;
            case "enum":
                if (schemaValue != null && schemaValue.isArray()) {
                    List<String> allowed = new ArrayList<>();
                    schemaValue.forEach(value -> allowed.add(value.asText()));
                    return path + ": does not have a value in the enumeration " + allowed;
                }
                break;
            case "format":
                if (schemaValue != null && schemaValue.isTextual()) {
                    String format = schemaValue.asText();
                    return path + ": is not a valid " + format
                            + ("date-time".equals(format) ? " (RFC 3339 with offset, e.g. 2025-11-27T02:00:00Z)" : "");
                }
                break;
            default:
                break;
        }
        return message.getMessage();
    }

    // Location only: Jackson's own message may quote the payload.
    private static String notJson(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null
                ? "$: is not valid JSON"
                : "$: is not valid JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
