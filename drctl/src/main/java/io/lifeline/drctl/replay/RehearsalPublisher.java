package io.lifeline.drctl.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies replayed events into {@code <prefix><topic>} for a rehearsal. Refuses an empty prefix:
 * a replay must never land on the live topics, where services would act on it again.
 */
public final class RehearsalPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String prefix;
    private final java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();

    public RehearsalPublisher(String bootstrapServers, String prefix) {
        if (prefix == null || prefix.isBlank() || !prefix.matches("[A-Za-z0-9_-]+\\.")) {
            throw new IllegalArgumentException(
                    "--into-prefix must be a name ending in '.', e.g. 'rehearsal.': replays never write to live topics");
        }
        this.prefix = prefix;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void publish(RecordedEvent event) {
        var record = new ProducerRecord<>(prefix + event.topic(), null, event.timestamp().toEpochMilli(),
                bytes(event.key()), bytes(event.value()));
        for (Map.Entry<String, String> a : event.attributes().entrySet()) {
            record.headers().add("ce_" + a.getKey(), bytes(a.getValue()));
        }
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.flush();
        producer.close(Duration.ofSeconds(10));
        if (failure.get() != null) {
            throw new IllegalStateException("copying to " + prefix + "<topic> failed: " + failure.get().getMessage(),
                    failure.get());
        }
    }
}
