package io.lifeline.testsupport;

import java.util.Map;

/**
 * One Lifeline event read back from Kafka: the record key, the CloudEvents attributes from the
 * {@code ce_*} headers (binary mode), the raw JSON data and the decoded payload.
 */
public record ReceivedEvent<T>(String topic, String key, Map<String, String> headers, String json, T payload) {

    public String ceId() {
        return headers.get("ce_id");
    }

    public String ceType() {
        return headers.get("ce_type");
    }

    public String ceSource() {
        return headers.get("ce_source");
    }

    public String ceSubject() {
        return headers.get("ce_subject");
    }

    public String ceTime() {
        return headers.get("ce_time");
    }

    public String ceSpecVersion() {
        return headers.get("ce_specversion");
    }
}
