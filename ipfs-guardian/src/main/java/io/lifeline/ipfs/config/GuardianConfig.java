package io.lifeline.ipfs.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything ipfs-guardian reads from configuration ({@code lifeline.ipfs.*}). */
@ConfigMapping(prefix = "lifeline.ipfs")
public interface GuardianConfig {

    /** How often a pass runs ({@code off} disables the schedule; {@code POST /checks/run} still works). */
    @WithDefault("5m")
    String schedule();

    /** A CID that was fine is checked again after this long; new and failing ones sooner. */
    @WithDefault("1h")
    Duration recheckAfter();

    /** First re-check delay of a failing CID; it doubles with every failure in a row, up to max-backoff. */
    @WithDefault("1m")
    Duration failureRecheck();

    /** Upper bound of the back-off for CIDs that keep failing. */
    @WithDefault("6h")
    Duration maxBackoff();

    /** CIDs checked per pass at most (the most urgent first). */
    @WithDefault("10000")
    int batchSize();

    /** CIDs checked at the same time. */
    @WithDefault("4")
    int concurrency();

    /** Copies wanted, counting the own node and each pinning service that has it pinned. */
    @WithDefault("2")
    int replicationTarget();

    /** Checks in a row that find the content nowhere before it is declared lost. */
    @WithDefault("3")
    int lostAfterChecks();

    /** Checks in a row below the replication target (after repair) before an incident opens. */
    @WithDefault("3")
    int underReplicatedAfterChecks();

    /** Attempts per vantage point for transient failures (429, 502, 504, timeouts) within one check. */
    @WithDefault("2")
    int attempts();

    /** Wait between attempts when no Retry-After says otherwise; Retry-After is capped at max-retry-after. */
    @WithDefault("1s")
    Duration retryBackoff();

    @WithDefault("10s")
    Duration maxRetryAfter();

    /** The plan's "ask the artist to re-upload" runbook, linked from the lost-content incident. */
    Optional<String> lostRunbookUrl();

    Platform platform();

    Node node();

    Map<String, Gateway> gateways();

    Map<String, PinningService> pinning();

    Breaker breaker();

    Sharding sharding();

    /**
     * A repair takes the whole DAG as one CAR from a trustless gateway up to this size (held in memory
     * while every block is verified); bigger ones, or gateways without CARs, are walked block by block.
     */
    @WithDefault("16777216")
    int maxCarBytes();

    /** Metadata JSON documents bigger than this are not expanded. */
    @WithDefault("65536")
    int maxMetadataBytes();

    /** The platform's database: where the songs and their CIDs are. */
    interface Platform {
        String jdbcUrl();

        @WithDefault("postgres")
        String user();

        Optional<String> password();

        /** Returns (song id, CID) rows; more columns are ignored. */
        @WithDefault("SELECT id, ipfs_hash FROM songs")
        String query();

        /** One song's title, artist and artist address, for the lost-content incident. */
        @WithDefault("SELECT title, artist, artist_address, ipfs_hash FROM songs WHERE id = ?")
        String songQuery();
    }

    /** The platform's own IPFS node (Kubo RPC API; js-ipfs speaks it too). */
    interface Node {
        @WithDefault("own-node")
        String name();

        String apiUrl();

        @WithDefault("10s")
        Duration timeout();

        /**
         * Bound of "does the node hold this block itself" ({@code block/stat}). Kubo answers at once
         * with {@code offline=true}; js-ipfs ignores it and waits for the block until this timeout.
         */
        @WithDefault("1s")
        Duration localTimeout();

        /** How long {@code pin/add} may try to fetch by itself before a gateway copy is imported. */
        @WithDefault("5s")
        Duration pinTimeout();

        /** Multiaddrs of the node, sent as {@code origins} to pinning services. */
        Optional<List<String>> origins();
    }

    interface Gateway {
        /** Base URL of a path gateway, e.g. {@code https://ipfs.io}. */
        String url();

        @WithDefault("10s")
        Duration timeout();

        /** Largest raw block accepted (the spec's blocks are at most 2 MiB; chunkers make 256 KiB). */
        @WithDefault("2097152")
        int maxBlockBytes();

        /** Requests per second at most to this gateway. */
        @WithDefault("5")
        double ratePerSecond();
    }

    interface PinningService {
        /** Base URL of an IPFS Pinning Services API endpoint, e.g. {@code https://api.pinata.cloud/psa}. */
        String url();

        /** Bearer token; never logged. */
        String token();

        @WithDefault("10s")
        Duration timeout();

        /** How long a {@code POST /pins} is followed before giving up for this check. */
        @WithDefault("2m")
        Duration pinWait();

        @WithDefault("2s")
        Duration pollInterval();

        @WithDefault("5")
        double ratePerSecond();
    }

    interface Breaker {
        /** Transient failures in a row that open a gateway's circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit skips the gateway before one trial request. */
        @WithDefault("5m")
        Duration openFor();
    }

    /** Spreading the inventory over several instances (io.lifeline.ipfs.shard). */
    interface Sharding {
        /** Off: this instance checks every CID (one instance). */
        @WithDefault("false")
        boolean enabled();

        /** The CID-keyed topic whose partitions are the shards: a CID is checked where its events go. */
        @WithDefault("ipfs.content.missing")
        String topic();

        /** The consumer group the instances share. */
        @WithDefault("ipfs-guardian-shards")
        String group();

        /** Fixed partitions for this instance instead of the group's assignment, e.g. {@code 0,2}. */
        Optional<java.util.List<Integer>> partitions();
    }
}
