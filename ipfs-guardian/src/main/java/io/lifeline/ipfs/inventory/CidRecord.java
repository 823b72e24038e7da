package io.lifeline.ipfs.inventory;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One protected CID and the outcome of its last check (table {@code ipfs_guardian.cids}). */
@Entity
@Table(name = "cids")
public class CidRecord {

    public static final String NEW = "new";
    public static final String OK = "ok";
    public static final String REPAIRED = "repaired";
    public static final String UNDER_REPLICATED = "under_replicated";
    public static final String MISSING = "missing";
    public static final String LOST = "lost";
    public static final String INVALID = "invalid";
    public static final String ERROR = "error";
    public static final String RETIRED = "retired";

    @Id
    public String cid;
    /** Kafka's hash of the CID as a key ({@link io.lifeline.ipfs.shard.Shards#keyHash}): its shard. */
    @Column(name = "key_hash")
    public Integer keyHash;
    @Column(name = "song_id")
    public String songId;
    public String role;
    @Column(name = "parent_cid")
    public String parentCid;
    public String state;
    public String detail;
    public int replicas;
    @Column(name = "node_pinned")
    public boolean nodePinned;
    @Column(name = "found_at")
    public String foundAt;
    public boolean expanded;
    @Column(name = "first_seen_at")
    public Instant firstSeenAt;
    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;
    @Column(name = "next_check_at")
    public Instant nextCheckAt;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    @Column(name = "nowhere_count")
    public int nowhereCount;
    @Column(name = "under_count")
    public int underCount;
    public String incident;
}
