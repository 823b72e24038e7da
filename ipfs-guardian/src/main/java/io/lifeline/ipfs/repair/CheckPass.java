package io.lifeline.ipfs.repair;

import java.util.Optional;

import io.lifeline.ipfs.shard.ShardAssignment;
import io.lifeline.ipfs.shard.Shards;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.ipfs.cid.Cid;
import io.lifeline.ipfs.cid.InvalidCidException;
import io.lifeline.ipfs.config.GuardianConfig;
import io.lifeline.ipfs.inventory.CidRecord;
import io.lifeline.ipfs.inventory.CidStore;
import io.lifeline.ipfs.inventory.InventorySync;
import io.lifeline.ipfs.inventory.PlatformSongs;

/**
 * One pass: pick up new songs, resolve lost content whose song got a new CID, then check the due
 * CIDs (most urgent first, at most batch-size) on a few workers. One CID's failure — a malformed
 * CID, a node error, a gateway answering garbage — is recorded on that CID; the pass goes on.
 */
@ApplicationScoped
public class CheckPass {

    private static final Logger LOG = Logger.getLogger(CheckPass.class);

    private final GuardianConfig config;
    private final InventorySync inventory;
    private final PlatformSongs platform;
    private final CidStore store;
    private final ContentChecker checker;
    private final ContentIncidents incidents;
    private final ShardAssignment sharding;
    private final ExecutorService workers;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean restored = new AtomicBoolean();

    public CheckPass(GuardianConfig config, InventorySync inventory, PlatformSongs platform, CidStore store,
            ContentChecker checker, ContentIncidents incidents, ShardAssignment sharding) {
        this.config = config;
        this.inventory = inventory;
        this.platform = platform;
        this.store = store;
        this.checker = checker;
        this.incidents = incidents;
        this.sharding = sharding;
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.concurrency()), r -> {
            Thread t = new Thread(r, "ipfs-check");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs a pass unless one is running (then empty). Blocking: call from a worker thread. */
    public java.util.Optional<PassSummary> runIfIdle() {
        if (!running.compareAndSet(false, true)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(run());
        } finally {
            running.set(false);
        }
    }

    private PassSummary run() {
        Instant start = Instant.now();
        if (restored.compareAndSet(false, true)) {
            incidents.restore(store.withIncident());
        }
        long added = 0;
        String inventoryError = null;
        try {
            added = inventory.sync();
            resolveReplaced();
        } catch (SQLException | RuntimeException e) {
            inventoryError = "platform database: " + e.getMessage();
            LOG.warnf("inventory not refreshed this pass: %s", e.getMessage());
        }
        Map<String, Integer> states = new TreeMap<>();
        int checked = 0;
        Optional<Shards> shards = sharding.shards();
        if (shards.isPresent() && shards.get().none()) {
            LOG.infof("pass: no shards of %s assigned to this instance (yet): nothing to check",
                    config.sharding().topic());
        }
        while (checked < config.batchSize()) {
            List<CidRecord> due = store.due(Instant.now(), start, Math.min(500, config.batchSize() - checked), shards);
            if (due.isEmpty()) {
                break;
            }
            List<Future<CidRecord>> futures = new ArrayList<>();
            for (CidRecord r : due) {
                futures.add(workers.submit(() -> checkOne(r)));
            }
            for (Future<CidRecord> f : futures) {
                try {
                    states.merge(f.get().state, 1, Integer::sum);
                } catch (ExecutionException e) {
                    states.merge("crashed", 1, Integer::sum);
                    LOG.error("a check crashed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new PassSummary(start, Duration.between(start, Instant.now()), added, checked, states,
                            "interrupted");
                }
                checked++;
            }
        }
        PassSummary summary = new PassSummary(start, Duration.between(start, Instant.now()), added, checked, states,
                inventoryError);
        LOG.infof("pass: %d new CIDs, %d checked in %d ms: %s", added, checked, summary.duration().toMillis(), states);
        return summary;
    }

    private CidRecord checkOne(CidRecord r) {
        try {
            checker.check(r);
        } catch (RuntimeException e) {
            // Never let one CID stop the pass; report it on the CID.
            r.state = CidRecord.ERROR;
            r.detail = "check failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            r.consecutiveFailures++;
            r.lastCheckedAt = Instant.now();
            r.nextCheckAt = Instant.now().plus(config.failureRecheck());
            LOG.warnf("cid %s: %s", r.cid, r.detail);
        }
        store.save(r);
        return r;
    }

    /** A lost CID whose song now has another CID: the re-upload happened, the incident resolves. */
    private void resolveReplaced() throws SQLException {
        for (CidRecord r : store.lost()) {
            if (r.songId == null) {
                continue;
            }
            String root = "song".equals(r.role) ? r.cid : r.parentCid;
            var song = platform.song(r.songId);
            String current = song.map(PlatformSongs.Song::ipfsHash).map(CheckPass::canonical).orElse(null);
            if (current == null || !current.equals(root)) {
                incidents.replaced(r, current == null ? "(song deleted)" : current);
                r.state = CidRecord.RETIRED;
                r.detail = "replaced by " + (current == null ? "nothing: the song was deleted" : current);
                store.save(r);
            }
        }
    }

    private static String canonical(String text) {
        try {
            return Cid.parse(text).toString();
        } catch (InvalidCidException e) {
            return text == null ? null : text.trim();
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    public record PassSummary(Instant startedAt, Duration duration, long newCids, int checked,
                              Map<String, Integer> states, String inventoryError) {
    }
}
