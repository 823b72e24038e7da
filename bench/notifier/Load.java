import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;

/**
 * bench/notifier's load: COUNT critical incident.opened events (as health-monitor publishes them:
 * CloudEvents headers, key = incident id, a dedup key of their own so none is grouped or flapping)
 * sent to TOPIC at RATE per second, on a fixed schedule (a steady arrival rate, not send-and-wait).
 * Writes {@code incident id <TAB> record timestamp (ms)} for each record Kafka acknowledged.
 *
 *   java -cp BENCH_CP:KAFKA_CP Load.java BOOTSTRAP TOPIC COUNT RATE ID_PREFIX OUT_FILE
 */
public final class Load {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        int count = Integer.parseInt(args[2]);
        double rate = Double.parseDouble(args[3]);
        String prefix = args[4];
        Path outFile = Path.of(args[5]);

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());

        Map<String, Long> timestamps = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        long periodNanos = (long) (1_000_000_000L / rate);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            // The clock starts once the producer has its metadata and this JVM has encoded a record:
            // started earlier, the schedule would catch up on that first second with a burst at twice
            // the rate, which is the load generator's start-up, not the rate under test.
            producer.partitionsFor(topic);
            EventCodec.encode(EventTypes.INCIDENT_OPENED, incident(prefix + "-probe", Instant.now()));
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                LockSupport.parkNanos(start + i * periodNanos - System.nanoTime());
                String id = prefix + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                IncidentOpened opened = incident(id, now);
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, id,
                        EventCodec.encode(EventTypes.INCIDENT_OPENED, opened));
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", UUID.randomUUID().toString());
                header(record, "ce_source", "urn:lifeline:health-monitor");
                header(record, "ce_type", EventTypes.INCIDENT_OPENED.cloudEventType());
                header(record, "ce_subject", "api");
                header(record, "content-type", "application/json");
                producer.send(record, (metadata, error) -> {
                    if (error == null) {
                        timestamps.put(id, metadata.timestamp());
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        try (BufferedWriter out = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Long> e : timestamps.entrySet()) {
                out.write(e.getKey() + "\t" + e.getValue() + "\n");
            }
        }
        if (failed.get() > 0) {
            System.err.println("Load: " + failed.get() + " of " + count + " records were not acknowledged");
            System.exit(1);
        }
        System.out.println("Load: " + count + " records to " + topic + " at " + rate + "/s");
    }

    private static IncidentOpened incident(String id, Instant now) {
        return new IncidentOpened(id, "api/bench-" + id, Severity.CRITICAL, "api", "down",
                "api health check failing (bench)", List.of(new Signal("health.degraded",
                        "health-monitor/api", now, Map.of("status", "503"))),
                "https://runbooks.lifeline.local/api-down", now, "health-monitor");
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
