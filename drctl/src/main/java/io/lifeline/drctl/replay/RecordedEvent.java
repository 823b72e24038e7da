package io.lifeline.drctl.replay;

import java.time.Instant;
import java.util.Map;

/**
 * One record of the event log as it is stored: where it sits in Kafka, its CloudEvents attributes
 * (the {@code ce_} headers, prefix removed) and its JSON payload, kept as text until someone needs it.
 */
public record RecordedEvent(String topic, int partition, long offset, Instant timestamp, String key,
                            Map<String, String> attributes, String value) {

    public String type() {
        return attributes.get("type");
    }

    public String id() {
        return attributes.get("id");
    }

    /** The event's own time (ce_time) when present, otherwise the record timestamp. */
    public Instant eventTime() {
        String time = attributes.get("time");
        if (time != null) {
            try {
                return Instant.parse(time);
            } catch (RuntimeException e) {
                // A producer's malformed time header must not break a replay: fall back to Kafka's.
            }
        }
        return timestamp;
    }
}
