import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills a private broker for bench/replay/run: N CloudEvents records spread over the Lifeline
 * topics (3 partitions each), shaped like the services' (ce_* headers, JSON payloads of a few
 * hundred bytes), with timestamps rising over the last hours so that a replay has real merging to do.
 * Run in Java's source-file mode: java -cp KAFKA_AND_JACKSON ProduceEvents.java BOOTSTRAP COUNT
 */
public final class ProduceEvents {

    static final String[] TOPICS = {"health.degraded", "health.recovered", "health.heartbeat", "incident.opened",
            "incident.updated", "incident.acknowledged", "incident.resolved", "notification.sent", "backup.completed",
            "restore.completed"};

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int count = Integer.parseInt(args[1]);
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        // bin/lifeline creates the catalogue's topics at start: give each 3 partitions (more merging to do).
        try (Admin admin = Admin.create(props)) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            Map<String, NewPartitions> grow = new HashMap<>();
            for (String t : TOPICS) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, 3, (short) 1));
                }
            }
            admin.createTopics(missing).all().get();
            admin.describeTopics(List.of(TOPICS)).allTopicNames().get().forEach((name, d) -> {
                if (d.partitions().size() < 3) {
                    grow.put(name, NewPartitions.increaseTo(3));
                }
            });
            admin.createPartitions(grow).all().get();
        }
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        Random random = new Random(42);
        long span = 6L * 3600 * 1000;
        long start = System.currentTimeMillis() - span - 60_000;
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String topic = TOPICS[random.nextInt(TOPICS.length)];
                long ts = start + (span * i) / count;
                String id = "inc-" + Long.toHexString(random.nextLong());
                String at = Instant.ofEpochMilli(ts).toString();
                String payload = ("{\"incidentId\":\"%s\",\"component\":\"api\",\"severity\":\"high\",\"summary\":"
                        + "\"GET /health answered 503 three times in a row\",\"signals\":[{\"type\":\"probe.failed\","
                        + "\"source\":\"health-monitor\",\"at\":\"%s\",\"detail\":{\"status\":503,\"latencyMillis\":%d}}],"
                        + "\"runbookUrl\":\"https://runbooks.example/api-down\",\"openedAt\":\"%s\",\"seq\":%d}")
                        .formatted(id, at, random.nextInt(2_000), at, i);
                var record = new ProducerRecord<>(topic, null, ts, id.getBytes(StandardCharsets.UTF_8),
                        payload.getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_specversion", b("1.0"));
                record.headers().add("ce_id", b("evt-" + i));
                record.headers().add("ce_type", b("lifeline." + topic));
                record.headers().add("ce_source", b("urn:lifeline:bench"));
                record.headers().add("ce_time", b(at));
                record.headers().add("content-type", b("application/json"));
                producer.send(record);
            }
            producer.flush();
        }
        System.out.println(count);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
