package io.lifeline.ipfs.shard;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.kafka.common.utils.Utils;

/**
 * The part of the inventory one instance checks: the CIDs whose Kafka partition (of {@code partitions},
 * the CID as key, Kafka's default partitioner) is in {@code owned}. The same partition the CID's
 * {@code ipfs.content.*} events go to, so one instance owns a CID's checks and its event order.
 */
public record Shards(int partitions, Set<Integer> owned) {

    public Shards {
        owned = Set.copyOf(owned);
    }

    /** Kafka's hash of the key (murmur2, made positive): stored per CID, so a query can filter by shard. */
    public static int keyHash(String cid) {
        return Utils.toPositive(Utils.murmur2(cid.getBytes(StandardCharsets.UTF_8)));
    }

    /** The partition a record with this CID as key goes to. */
    public static int partitionOf(String cid, int partitions) {
        return keyHash(cid) % partitions;
    }

    public boolean owns(String cid) {
        return owned.contains(partitionOf(cid, partitions));
    }

    public boolean none() {
        return owned.isEmpty();
    }
}
