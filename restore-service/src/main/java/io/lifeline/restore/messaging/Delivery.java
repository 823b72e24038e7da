package io.lifeline.restore.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The event a piece of work came with, so that a re-delivery of it is skipped: its CloudEvents id
 * (the {@code ce_id} header, fixed by the producer's outbox) and its topic.
 *
 * @param eventId null when the record carries no {@code ce_id} (nothing to tell a repeat by), or
 *                when the work did not come from Kafka
 */
public record Delivery(String eventId, String topic) {

    /** Work asked over REST: no event to deduplicate. */
    public static final Delivery NONE = new Delivery(null, null);

    public static Delivery of(ConsumerRecord<?, ?> record) {
        Header id = record.headers().lastHeader("ce_id");
        return new Delivery(id == null || id.value() == null ? null : new String(id.value(), StandardCharsets.UTF_8),
                record.topic());
    }

    public boolean identified() {
        return eventId != null && !eventId.isBlank();
    }
}
