package io.lifeline.testsupport;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventType;

/**
 * Assertions on topics with plain Kafka clients, the way any consumer of Lifeline sees them: read
 * every partition from the beginning, decode each record with the {@code events} codec (which
 * validates it against the topic's JSON Schema) and wait, with Awaitility, until enough arrive.
 */
public final class EventTopics implements AutoCloseable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private KafkaProducer<String, String> producer;

    public EventTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of the running {@code @QuarkusTest}, from its {@code kafka.bootstrap.servers}. */
    public static EventTopics fromConfig() {
        return new EventTopics(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Waits for the first event on the type's topic that matches; every record read must be valid. */
    public <T> ReceivedEvent<T> awaitEvent(EventType<T> type, Predicate<T> match) {
        return awaitEvents(type, 1, match, DEFAULT_TIMEOUT).get(0);
    }

    public <T> List<ReceivedEvent<T>> awaitEvents(EventType<T> type, int count, Predicate<T> match, Duration timeout) {
        List<ReceivedEvent<T>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumerFromBeginning(type.topic())) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    T payload = EventCodec.decode(type, r.value());
                    if (match.test(payload)) {
                        matching.add(new ReceivedEvent<>(r.topic(), r.key(), headers(r), r.value(), payload));
                    }
                }
                return matching.size() >= count;
            });
        }
        return matching.subList(0, count);
    }

    /** Waits for raw records on any topic (a dead-letter topic, say), without decoding them. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, int count,
            Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumerFromBeginning(topic)) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        matching.add(r);
                    }
                });
                return matching.size() >= count;
            });
        }
        return matching.subList(0, count);
    }

    /** Everything on a topic right now, read to its end offsets. */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumerFromBeginning(topic)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            await().atMost(DEFAULT_TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(all::add);
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return all;
    }

    /** Sends any bytes as a record, e.g. a malformed event that must reach a dead-letter topic. */
    public void sendRaw(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private KafkaConsumer<String, String> consumerFromBeginning(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "lifeline-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        await().atMost(DEFAULT_TIMEOUT).until(() -> {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            return !partitions.isEmpty();
        });
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
