package io.lifeline.outbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * The relay's producer settings: the service's own {@code kafka.*} settings (bootstrap servers, and
 * whatever security the deployment adds), then what the outbox's guarantees need, which no setting
 * may weaken.
 */
final class KafkaSettings {

    private static final String PREFIX = "kafka.";

    private KafkaSettings() {
    }

    /** The service's {@code kafka.*} settings, without the prefix. */
    static Map<String, String> of(Config config) {
        Map<String, String> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> settings.put(name.substring(PREFIX.length()), v));
            }
        }
        return settings;
    }

    static Map<String, Object> producer(Map<String, String> base, Duration deliveryTimeout) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // At most 5 in flight keeps the idempotent producer's order per partition.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        long delivery = Math.max(deliveryTimeout.toMillis(), 2000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(delivery - 1000, 10_000)));
        // With the broker away, send() waits this long for metadata, then the row waits for the next attempt.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return props;
    }
}
