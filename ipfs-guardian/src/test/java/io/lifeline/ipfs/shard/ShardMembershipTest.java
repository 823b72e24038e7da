package io.lifeline.ipfs.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lifeline.testsupport.KafkaBroker;

/** Instances of the guardian share the CID space through a real broker's consumer group. */
class ShardMembershipTest {

    private static final String TOPIC = "ipfs.content.missing";
    private static KafkaBroker broker;

    @BeforeAll
    static void brokerWithAThreePartitionTopic() throws Exception {
        broker = KafkaBroker.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void twoInstancesSplitThePartitionsAndOneTakesAllWhenTheOtherLeaves() {
        try (ShardMembership a = new ShardMembership(broker.bootstrapServers(), TOPIC, "guardians-split").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.current().owned().size() == 3);
            ShardMembership b = new ShardMembership(broker.bootstrapServers(), TOPIC, "guardians-split").start();
            try {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Set<Integer> ofA = a.current().owned();
                    Set<Integer> ofB = b.current().owned();
                    assertThat(ofA).isNotEmpty();
                    assertThat(ofB).isNotEmpty();
                    assertThat(ofA).doesNotContainAnyElementsOf(ofB);
                    Set<Integer> all = new HashSet<>(ofA);
                    all.addAll(ofB);
                    assertThat(all).containsExactlyInAnyOrder(0, 1, 2);
                });
                assertThat(a.current().partitions()).isEqualTo(3);
            } finally {
                b.close();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> a.current().owned().size() == 3);
        }
    }

    @Test
    void aCidIsInTheShardOfThePartitionItsEventsGoTo() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 30; i++) {
                String cid = "bafkreibench" + i + "x" + Integer.toHexString(i * 7919);
                int partition = producer.send(new ProducerRecord<>(TOPIC, cid, "{}")).get().partition();
                assertThat(Shards.partitionOf(cid, 3)).as(cid).isEqualTo(partition);
                assertThat(new Shards(3, Set.of(partition)).owns(cid)).isTrue();
            }
        }
    }
}
