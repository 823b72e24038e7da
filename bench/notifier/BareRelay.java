import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * bench/notifier's baseline, the floor of "Kafka in, HTTP out": a bare consumer that POSTs each
 * record's value to the receiver as soon as it is polled (one at a time, in order, as a relay
 * must), committing after each poll's records are sent. No database, no outbox, no routing.
 * Exits once COUNT records were relayed.
 *
 *   java -cp KAFKA_CP BareRelay.java BOOTSTRAP TOPIC RECEIVER_BASE_URL COUNT
 */
public final class BareRelay {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String receiver = args[2];
        int count = Integer.parseInt(args[3]);

        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-bare-relay");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        int relayed = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (relayed < count) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(receiver + "/baseline/"
                            + record.key())).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(record.value())).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("receiver answered " + answer.statusCode());
                    }
                    relayed++;
                }
                consumer.commitSync();
            }
        }
        System.out.println("BareRelay: " + relayed + " records relayed");
    }
}
