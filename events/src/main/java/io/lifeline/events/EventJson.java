package io.lifeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration for event payloads, so that every producer writes and every
 * consumer reads the same JSON.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventJson() {
    }

    /**
     * The shared mapper. Thread-safe for reading and writing; do not reconfigure it (that would
     * change every event of the process): use {@code mapper().copy()} or {@link #configure}.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Applies the event settings to another mapper, e.g. from a Quarkus {@code ObjectMapperCustomizer},
     * so that a service's own JSON matches its events.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                // ISO-8601 strings, as the schemas' date-time format and people reading the log expect.
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A newer producer may add fields; an older consumer must keep working.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // An explicit null must not quietly become false/0 (e.g. "encrypted": null).
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // Two JSON documents in one record is a broken producer, not "the first one".
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Absent optional fields are left out; a null inside a free-form map is kept (it is data).
                .setDefaultPropertyInclusion(
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS));
    }
}
