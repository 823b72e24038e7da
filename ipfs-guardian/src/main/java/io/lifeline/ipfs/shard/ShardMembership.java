package io.lifeline.ipfs.shard;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Membership of one instance in the guardians' consumer group on a CID-keyed topic: Kafka's group
 * protocol hands each instance some of the topic's partitions, and those are its shards. Another
 * instance joining or leaving moves partitions, so adding an instance adds throughput and a dead
 * one's share moves to the others. The group only coordinates: its partitions are paused and no
 * record is read or committed.
 */
public final class ShardMembership implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ShardMembership.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final AtomicReference<Shards> current = new AtomicReference<>();
    private final Thread poller;
    private volatile boolean closing;

    public ShardMembership(String bootstrapServers, String topic, String group) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + ProcessHandle.current().pid()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.poller = new Thread(this::poll, "ipfs-shards");
        this.poller.setDaemon(true);
    }

    public ShardMembership start() {
        poller.start();
        return this;
    }

    /** This instance's shards now; empty until the group has assigned it some. */
    public Shards current() {
        Shards shards = current.get();
        return shards != null ? shards : new Shards(1, Set.of());
    }

    public boolean assigned() {
        return current.get() != null;
    }

    private void poll() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    current.set(new Shards(partitionCount(), Set.of()));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    consumer.pause(consumer.assignment());
                    Set<Integer> owned = new HashSet<>();
                    consumer.assignment().forEach(tp -> owned.add(tp.partition()));
                    Shards shards = new Shards(partitionCount(), owned);
                    current.set(shards);
                    LOG.infof("shards of %s: %s of %d partitions", topic, shards.owned(), shards.partitions());
                }
            });
            while (!closing) {
                consumer.poll(Duration.ofSeconds(1)); // paused: returns nothing, keeps the membership alive
            }
        } catch (WakeupException e) {
            if (!closing) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "shard membership on %s stopped: this instance checks nothing until it restarts", topic);
            current.set(new Shards(1, Set.of()));
        } finally {
            consumer.close(Duration.ofSeconds(5)); // leaving the group hands the shards to the others at once
        }
    }

    private int partitionCount() {
        return Math.max(1, consumer.partitionsFor(topic).size());
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
