package io.lifeline.drctl.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.lifeline.events.Topics;

/**
 * Reads Lifeline's topics back by time and hands the records over merged into one time order.
 *
 * <p>Each partition is already in time order, so this is a k-way merge over partitions: a record is
 * handed over only when every partition still being read has a buffered head, and the smallest head
 * wins. Memory is bounded by the per-partition buffers (a partition whose buffer is full is paused),
 * not by the size of the window. It reads only: no consumer group, no commits, nothing published.
 */
public final class EventLogReader implements AutoCloseable {

    /** Lifeline's own topics: the catalogue's domains and the dead-letter topics. */
    private static final Pattern LIFELINE_TOPIC = Pattern.compile(
            "^(backup|restore|drill|health|maintenance|incident|contract|ipfs|notification|dlq)\\..+");
    private static final int BUFFER_PER_PARTITION = 500;
    private static final Duration POLL = Duration.ofMillis(500);
    /** Record time, then topic, partition, offset: a total order, so the same log always replays the same. */
    private static final Comparator<ConsumerRecord<byte[], byte[]>> TIME_ORDER = (a, b) -> {
        int c = Long.compare(a.timestamp(), b.timestamp());
        if (c != 0) {
            return c;
        }
        c = a.topic().compareTo(b.topic());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.partition(), b.partition());
        return c != 0 ? c : Long.compare(a.offset(), b.offset());
    };

    private final KafkaConsumer<byte[], byte[]> consumer;

    public EventLogReader(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        // Memory is bounded by partitions x (one fetch + one buffer): keep both small, there may be hundreds.
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(512 * 1024));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "drctl-replay");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The Lifeline topics that exist on the cluster, sorted. */
    public List<String> lifelineTopics() {
        Set<String> names = new TreeSet<>();
        for (String topic : consumer.listTopics(Duration.ofSeconds(15)).keySet()) {
            if (LIFELINE_TOPIC.matcher(topic).matches()) {
                names.add(topic);
            }
        }
        return List.copyOf(names);
    }

    /**
     * Hands every record of {@code topics} whose timestamp lies in {@code window} to {@code sink}, in time
     * order. Reads up to the end of each partition as it was when the call began, so it always finishes.
     *
     * @return how many records were handed over
     */
    public long replay(ReplayWindow window, Collection<String> topics, Consumer<RecordedEvent> sink) {
        List<TopicPartition> partitions = partitionsOf(topics);
        if (partitions.isEmpty()) {
            return 0;
        }
        // Assigned before the offset look-ups: the consumer complains about look-ups for partitions it does not hold.
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, window.from().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);

        // A partition with nothing at or after `from` is parked at its end, paused, and never read.
        Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> open = new LinkedHashMap<>();
        List<TopicPartition> idle = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp start = starts.get(tp);
            if (start != null && start.offset() < ends.get(tp)) {
                consumer.seek(tp, start.offset());
                open.put(tp, new ArrayDeque<>());
            } else {
                consumer.seek(tp, ends.get(tp));
                idle.add(tp);
            }
        }
        consumer.pause(idle);

        long handed = 0;
        long toMillis = window.to().toEpochMilli();
        while (!open.isEmpty()) {
            fill(open, ends);
            // Hand over while every open partition has a head: the smallest head is then safe to emit.
            while (!open.isEmpty()) {
                TopicPartition next = null;
                ConsumerRecord<byte[], byte[]> best = null;
                boolean waiting = false;
                for (var entry : open.entrySet()) {
                    ConsumerRecord<byte[], byte[]> head = entry.getValue().peekFirst();
                    if (head == null) {
                        waiting = true;
                        break;
                    }
                    if (best == null || TIME_ORDER.compare(head, best) < 0) {
                        best = head;
                        next = entry.getKey();
                    }
                }
                if (waiting) {
                    break;
                }
                open.get(next).pollFirst();
                if (best.timestamp() >= toMillis) {
                    close(open, next); // later records of this partition are past `to` as well
                    continue;
                }
                sink.accept(toEvent(best));
                handed++;
                if (open.get(next).isEmpty() && best.offset() + 1 >= ends.get(next)) {
                    close(open, next);
                }
            }
        }
        return handed;
    }

    /**
     * Follows {@code topics} live (from their start or their current end) and hands each new record to
     * {@code sink} until it returns false. Records of one poll are handed over in time order.
     */
    public void follow(Collection<String> topics, boolean fromBeginning, java.util.function.Predicate<RecordedEvent> sink) {
        List<TopicPartition> partitions = partitionsOf(topics);
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        while (true) {
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
            consumer.poll(POLL).forEach(batch::add);
            batch.sort(TIME_ORDER);
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                if (!sink.test(toEvent(record))) {
                    return;
                }
            }
        }
    }

    private void fill(Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> open,
                      Map<TopicPartition, Long> ends) {
        List<TopicPartition> full = new ArrayList<>();
        List<TopicPartition> hungry = new ArrayList<>();
        for (var entry : open.entrySet()) {
            (entry.getValue().size() >= BUFFER_PER_PARTITION ? full : hungry).add(entry.getKey());
        }
        consumer.pause(full);
        consumer.resume(hungry);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = open.get(tp);
            if (buffer != null && record.offset() < ends.get(tp)) {
                buffer.addLast(record);
            }
        }
        // A partition that reached its end offset without a record left to give (transaction markers,
        // compaction) is done.
        for (TopicPartition tp : List.copyOf(open.keySet())) {
            if (open.get(tp).isEmpty() && consumer.position(tp) >= ends.get(tp)) {
                close(open, tp);
            }
        }
    }

    private void close(Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> open, TopicPartition tp) {
        open.remove(tp);
        consumer.pause(List.of(tp));
    }

    private List<TopicPartition> partitionsOf(Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (infos == null) {
                continue;
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    private static RecordedEvent toEvent(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> attributes = new LinkedHashMap<>(); // header order, as produced
        for (Header header : record.headers()) {
            if (header.key().startsWith("ce_") && header.value() != null) {
                attributes.put(header.key().substring(3), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return new RecordedEvent(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                attributes,
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
    }

    /** Every topic the events module defines: what a postmortem reads when no list is given. */
    public static List<String> catalogueTopics() {
        return Topics.all();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
