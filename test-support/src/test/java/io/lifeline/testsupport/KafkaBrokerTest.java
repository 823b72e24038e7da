package io.lifeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void aRecordSentToTheBrokerIsReadBackWithItsKeyAndHeaders() {
        try (KafkaBroker broker = KafkaBroker.start(); EventTopics topics = new EventTopics(broker.bootstrapServers())) {
            topics.sendRaw("test.roundtrip", "k-1", "{\"hello\":1}", Map.of("ce_type", "lifeline.test"));

            List<ConsumerRecord<String, String>> records = topics.awaitRecords("test.roundtrip", 1, r -> true,
                    Duration.ofSeconds(30));

            assertThat(records.get(0).key()).isEqualTo("k-1");
            assertThat(records.get(0).value()).isEqualTo("{\"hello\":1}");
            assertThat(EventTopics.headers(records.get(0))).containsEntry("ce_type", "lifeline.test");
        }
    }

    @Test
    void closingTheBrokerFreesItsPort() {
        KafkaBroker broker = KafkaBroker.start();
        String[] hostPort = broker.bootstrapServers().split(":");
        broker.close();

        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 500);
            }
        }).isInstanceOf(java.io.IOException.class);
    }
}
