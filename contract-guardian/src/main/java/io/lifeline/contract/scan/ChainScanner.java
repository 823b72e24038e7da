package io.lifeline.contract.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.web3j.protocol.core.methods.response.Log;

import io.lifeline.contract.chain.BlockRef;
import io.lifeline.contract.chain.ChainClient;
import io.lifeline.contract.chain.ChainClients;
import io.lifeline.contract.chain.ChainException;
import io.lifeline.contract.chain.ContractAbi.AbiEvent;
import io.lifeline.contract.chain.LogDecoder;
import io.lifeline.contract.config.GuardianConfig;
import io.lifeline.contract.config.WatchList;
import io.lifeline.contract.config.Watched;
import io.lifeline.contract.incident.GuardianIncidents;
import io.lifeline.contract.rules.AnomalyService;
import io.lifeline.contract.rules.Finding;
import io.lifeline.contract.rules.LogRef;
import io.lifeline.contract.rules.RuleEngine;
import io.lifeline.contract.store.AnomalyEntity;
import io.lifeline.contract.store.CursorEntity;
import io.lifeline.contract.store.GuardianStore;
import io.lifeline.contract.store.OnWorker;
import io.lifeline.contract.store.SeenBlockEntity;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Reads the watched contracts' logs with {@code eth_getLogs} in bounded block ranges from the
 * cursor saved in PostgreSQL (block number and hash), up to the head minus the confirmations. Before
 * each range it checks that the chain still holds the cursor's block (parent hash); when it does not,
 * it walks back through the saved hashes to the common ancestor, withdraws the anomalies of the
 * abandoned blocks and rescans. The cursor moves only after a range's anomalies are published, so a
 * crash rescans (and the anomaly table drops the repeats) rather than skipping.
 */
@ApplicationScoped
public class ChainScanner {

    private static final Logger LOG = Logger.getLogger(ChainScanner.class);
    public static final String RPC_UNREACHABLE = "rpc-unreachable";
    public static final String RPC_BEHIND = "rpc-behind";
    static final String ZERO_HASH = "0x" + "0".repeat(64);

    private final GuardianConfig config;
    private final WatchList watchList;
    private final ChainClients chain;
    private final GuardianStore store;
    private final RuleEngine rules;
    private final AnomalyService anomalies;
    private final GuardianIncidents incidents;
    private final String cursorName;

    private final AtomicLong head = new AtomicLong(-1);
    private final AtomicLong cursorBlock = new AtomicLong(-1);
    private final AtomicLong logsScanned = new AtomicLong();
    private final AtomicLong reorgs = new AtomicLong();
    private final AtomicLong consecutiveFailures = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile Instant headTimestamp;
    private volatile String lastError;
    private volatile boolean chainIdVerified;
    private final java.util.Set<String> warned = java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<String, Boolean>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            });

    public ChainScanner(GuardianConfig config, WatchList watchList, ChainClients chain, GuardianStore store,
            RuleEngine rules, AnomalyService anomalies, GuardianIncidents incidents, MeterRegistry metrics) {
        this.config = config;
        this.watchList = watchList;
        this.chain = chain;
        this.store = store;
        this.rules = rules;
        this.anomalies = anomalies;
        this.incidents = incidents;
        this.cursorName = "chain-" + config.rpc().chainId();
        metrics.gauge("contract_guardian_head_block", head);
        metrics.gauge("contract_guardian_cursor_block", cursorBlock);
        metrics.gauge("contract_guardian_rpc_lag_blocks", this, s -> s.lagBlocks());
        metrics.gauge("contract_guardian_head_age_seconds", this, s -> s.headAge().map(Duration::toSeconds)
                .orElse(-1L));
        metrics.gauge("contract_guardian_rpc_consecutive_failures", consecutiveFailures);
        metrics.more().counter("contract_guardian_logs_scanned", List.of(), logsScanned);
        metrics.more().counter("contract_guardian_reorgs", List.of(), reorgs);
    }

    @Scheduled(every = "${lifeline.contract.scan.poll-interval:2s}", identity = "contract-scan",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (config.scan().enabled()) {
            poll();
        }
    }

    /** One pass: catch up to the confirmed head. Never throws; failures feed the RPC health signal. */
    public synchronized PollResult poll() {
        ChainClient client = chain.primary();
        try {
            verifyChainId(client);
            BlockRef latest = client.latestBlock();
            head.set(latest.number());
            headTimestamp = latest.timestamp();
            long target = latest.number() - config.scan().confirmations();
            CursorEntity cursor = OnWorker.await(() -> store.cursor(cursorName));
            long number;
            String hash;
            if (cursor == null) {
                long start = config.scan().startBlock().orElse(Math.max(target, 0) + 1);
                number = start - 1;
                hash = number >= 0 ? client.block(number).map(BlockRef::hash).orElse(null) : null;
                saveCursor(number, hash, List.of());
                LOG.infof("first start on chain %d: scanning from block %d", config.rpc().chainId(), start);
            } else {
                number = cursor.blockNumber;
                hash = cursor.blockHash;
            }
            cursorBlock.set(number);
            int found = 0;
            long scannedLogs = 0;
            int retries = 0;
            // The cursor's block must still be on the chain.
            if (number >= 0 && hash != null) {
                Optional<BlockRef> atCursor = client.block(number);
                if (atCursor.isEmpty() || !atCursor.get().hash().equals(hash)) {
                    BlockRef ancestor = reorganised(client, number, "block " + number + " " + hash
                            + (atCursor.isEmpty() ? " is gone" : " was replaced by " + atCursor.get().hash()));
                    number = ancestor.number();
                    hash = ancestor.hash();
                }
            }
            while (number < target) {
                long from = number + 1;
                long to = Math.min(target, from + config.scan().maxBlockRange() - 1);
                BlockRef fromBlock = client.block(from).orElseThrow(() -> new ChainException(client.url()
                        + ": block " + from + " is not available yet"));
                if (hash != null && !linksTo(client, fromBlock, number, hash)) {
                    BlockRef ancestor = reorganised(client, number, "block " + from + "'s parent is "
                            + fromBlock.parentHash() + ", not " + hash);
                    if (ancestor.number() == number && hash.equals(ancestor.hash())) {
                        // The cursor's block is still there, yet its successor does not link to it:
                        // the node answers inconsistently. Fail this poll rather than loop.
                        throw new ChainException(client.url() + ": block " + from + " does not link to block "
                                + number + " " + hash + " although that block is still on the chain");
                    }
                    number = ancestor.number();
                    hash = ancestor.hash();
                    continue;
                }
                List<Log> logs = client.logs(from, to, watchList.addresses());
                BlockRef toBlock = from == to ? fromBlock : client.block(to).orElseThrow(() -> new ChainException(
                        client.url() + ": block " + to + " is not available"));
                if (!consistent(logs, fromBlock, toBlock)) {
                    if (++retries > 5) {
                        throw new ChainException(client.url() + ": logs of blocks " + from + ".." + to
                                + " keep changing under reorganisations");
                    }
                    LOG.warnf("blocks %d..%d changed while reading their logs; reading them again", from, to);
                    continue;
                }
                Map<Long, String> seen = new LinkedHashMap<>();
                seen.put(fromBlock.number(), fromBlock.hash());
                List<Log> ordered = new ArrayList<>(logs);
                ordered.sort(Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex));
                // Hashes only where a reorganisation can still reach (one write per block costs more than
                // the scan itself when catching up far behind the head).
                long reorgReach = latest.number() - config.scan().reorgDepth();
                for (Log l : ordered) {
                    long n = l.getBlockNumber().longValueExact();
                    if (n > reorgReach) {
                        seen.put(n, l.getBlockHash().toLowerCase());
                    }
                    found += process(l, latest.number());
                }
                seen.put(toBlock.number(), toBlock.hash());
                saveCursor(to, toBlock.hash(), seen.entrySet().stream().map(e -> seenBlock(e.getKey(), e.getValue()))
                        .toList());
                number = to;
                hash = toBlock.hash();
                cursorBlock.set(number);
                scannedLogs += logs.size();
                logsScanned.addAndGet(logs.size());
            }
            earlyWarning(client, target, latest.number());
            consecutiveFailures.set(0);
            lastSuccess = Instant.now();
            lastError = null;
            incidents.recovered(RPC_UNREACHABLE, "the RPC " + client.url() + " answers again");
            checkHeadAge(latest);
            return new PollResult(latest.number(), number, scannedLogs, found);
        } catch (ChainException e) {
            return failed(client, e);
        } catch (RuntimeException e) {
            return failed(client, new ChainException("poll failed: " + e, e));
        }
    }

    private PollResult failed(ChainClient client, ChainException e) {
        long failures = consecutiveFailures.incrementAndGet();
        lastError = e.getMessage();
        LOG.errorf("chain poll failed (%d in a row): %s", failures, e.getMessage());
        if (failures >= config.rpc().failuresBeforeIncident()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("rpc", client.url());
            detail.put("consecutiveFailures", failures);
            detail.put("error", e.getMessage());
            detail.put("cursorBlock", cursorBlock.get());
            try {
                incidents.failure(new FailureReport(GuardianIncidents.COMPONENT, RPC_UNREACHABLE, Severity.HIGH,
                        "contract-guardian cannot read the chain (" + failures + " polls failed): contracts are "
                                + "not watched until the RPC answers; it resumes from block " + (cursorBlock.get() + 1),
                        new Signal("contract.rpc.failed", "contract-guardian/rpc", Instant.now(), detail), null));
            } catch (RuntimeException publishFailure) {
                LOG.errorf("could not raise the RPC incident: %s", publishFailure.getMessage());
            }
        }
        return new PollResult(head.get(), cursorBlock.get(), 0, 0);
    }

    private void verifyChainId(ChainClient client) {
        if (chainIdVerified) {
            return;
        }
        long actual = client.chainId();
        if (actual != config.rpc().chainId()) {
            throw new ChainException("wrong chain: " + client.url() + " reports chain id " + actual
                    + " but lifeline.contract.rpc.chain-id is " + config.rpc().chainId());
        }
        chainIdVerified = true;
    }

    private int process(Log l, long headNumber) {
        Optional<Watched> watched = watchList.byAddress(l.getAddress());
        if (watched.isEmpty() || l.getTopics() == null || l.getTopics().isEmpty()) {
            return 0;
        }
        Optional<AbiEvent> event = watched.get().abi().eventByTopic(l.getTopics().get(0));
        if (event.isEmpty()) {
            return 0;
        }
        Map<String, String> values = LogDecoder.decode(event.get(), l.getTopics(), l.getData());
        long block = l.getBlockNumber().longValueExact();
        List<Finding> findings = rules.onLog(watched.get(), event.get(), values, new LogRef(
                l.getTransactionHash().toLowerCase(), l.getLogIndex().longValueExact(), block,
                l.getBlockHash().toLowerCase()));
        int raised = 0;
        for (Finding f : findings) {
            if (anomalies.raise(f, headNumber - block)) {
                raised++;
            }
        }
        return raised;
    }

    /**
     * Whether {@code next} follows the block we processed last. Its parent hash says so; a node that
     * reports an all-zero parent hash (hardhat does for blocks made by {@code hardhat_mine}) is asked
     * for the hash of that block instead.
     */
    private static boolean linksTo(ChainClient client, BlockRef next, long number, String hash) {
        if (!ZERO_HASH.equals(next.parentHash())) {
            return next.parentHash().equals(hash);
        }
        return client.block(number).map(b -> b.hash().equals(hash)).orElse(false);
    }

    /** Logs must come from the blocks we hold for the range's ends, and none may be marked removed. */
    private static boolean consistent(List<Log> logs, BlockRef from, BlockRef to) {
        for (Log l : logs) {
            if (l.isRemoved()) {
                return false;
            }
            long n = l.getBlockNumber().longValueExact();
            String h = l.getBlockHash().toLowerCase();
            if ((n == from.number() && !h.equals(from.hash())) || (n == to.number() && !h.equals(to.hash()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The chain no longer holds what we processed: find the newest saved block still on it, withdraw
     * the anomalies from abandoned blocks, rewind the cursor there. Returns the ancestor.
     */
    private BlockRef reorganised(ChainClient client, long cursorNumber, String why) {
        reorgs.incrementAndGet();
        LOG.warnf("chain reorganisation detected: %s", why);
        List<SeenBlockEntity> saved = OnWorker.await(() -> store.seenBlocksDescending(cursorNumber));
        BlockRef ancestor = null;
        for (SeenBlockEntity s : saved) {
            Optional<BlockRef> onChain = client.block(s.blockNumber);
            if (onChain.isPresent() && onChain.get().hash().equals(s.blockHash)) {
                ancestor = onChain.get();
                break;
            }
        }
        if (ancestor == null) {
            // None of the saved hashes is on this chain: a reorganisation deeper than reorg-depth, or
            // another chain at the same URL (a restarted dev node). Rescan from below the oldest saved
            // block, or from the head when the chain is shorter than that.
            long oldest = saved.isEmpty() ? cursorNumber : saved.get(saved.size() - 1).blockNumber;
            long fallback = Math.max(-1, Math.min(oldest - 1, client.blockNumber()));
            LOG.errorf("none of the %d saved block hashes is on the chain (a reorganisation deeper than "
                    + "reorg-depth %d, or another chain): rescanning from block %d", saved.size(),
                    config.scan().reorgDepth(), fallback + 1);
            ancestor = fallback >= 0 ? client.block(fallback).orElseThrow(() -> new ChainException(
                    client.url() + ": block " + fallback + " vanished")) : new BlockRef(-1, null, null, Instant.EPOCH);
        }
        long ancestorNumber = ancestor.number();
        List<AnomalyEntity> candidates = OnWorker.await(() -> store.detectedAbove(ancestorNumber));
        for (AnomalyEntity a : candidates) {
            if (a.txHash == null || a.blockNumber == null) {
                continue; // state readings are re-read, not withdrawn
            }
            Optional<BlockRef> now = client.block(a.blockNumber);
            if (now.isEmpty() || !now.get().hash().equals(a.blockHash)) {
                anomalies.withdraw(a, "chain reorganisation: block " + a.blockNumber + " (" + a.blockHash
                        + ") holding tx " + a.txHash + " is no longer on the chain");
            }
        }
        String ancestorHash = ancestor.hash();
        OnWorker.await(() -> store.rewind(cursorName, ancestorNumber, ancestorHash));
        // Burst windows may hold logs of abandoned blocks: start them afresh.
        rules.resetWindows();
        cursorBlock.set(ancestorNumber);
        LOG.warnf("rescanning from block %d", ancestorNumber + 1);
        return ancestor;
    }

    /** Logs not yet confirmed: a warning in the log only; anomalies wait for the confirmations. */
    private void earlyWarning(ChainClient client, long target, long headNumber) {
        if (headNumber <= target || target < 0) {
            return;
        }
        try {
            List<Log> pending = client.logs(target + 1, headNumber, watchList.addresses());
            for (Log l : pending) {
                // Once per log, not once per poll.
                if (!warned.add(l.getTransactionHash() + ":" + l.getLogIndex() + ":" + l.getBlockHash())) {
                    continue;
                }
                watchList.byAddress(l.getAddress()).flatMap(w -> w.abi().eventByTopic(l.getTopics().get(0)))
                        .ifPresent(e -> LOG.warnf("unconfirmed %s at block %s tx %s (acting after %d confirmations)",
                                e.name(), l.getBlockNumber(), l.getTransactionHash(), config.scan().confirmations()));
            }
        } catch (ChainException e) {
            LOG.debugf("early warning read failed: %s", e.getMessage());
        }
    }

    private void checkHeadAge(BlockRef latest) {
        Duration age = Duration.between(latest.timestamp(), Instant.now());
        if (age.compareTo(config.rpc().maxHeadAge()) > 0) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("headBlock", latest.number());
            detail.put("headTimestamp", latest.timestamp().toString());
            detail.put("ageSeconds", age.toSeconds());
            incidents.failure(new FailureReport(GuardianIncidents.COMPONENT, RPC_BEHIND, Severity.HIGH,
                    "the RPC's newest block is " + age.toSeconds() + " s old (more than " + config.rpc().maxHeadAge()
                            + "): the node may be stuck or far behind",
                    new Signal("contract.rpc.behind", "contract-guardian/rpc", Instant.now(), detail), null));
        } else {
            incidents.recovered(RPC_BEHIND, "the RPC's head is recent again");
        }
    }

    private void saveCursor(long number, String hash, List<SeenBlockEntity> seen) {
        List<SeenBlockEntity> blocks = new ArrayList<>(seen);
        OnWorker.await(() -> store.advance(cursorName, config.rpc().chainId(), number, hash, blocks,
                config.scan().reorgDepth()));
    }

    private static SeenBlockEntity seenBlock(long number, String hash) {
        SeenBlockEntity s = new SeenBlockEntity();
        s.blockNumber = number;
        s.blockHash = hash;
        return s;
    }

    public long lagBlocks() {
        long h = head.get();
        long c = cursorBlock.get();
        return h < 0 || c < 0 ? 0 : Math.max(0, h - c);
    }

    public Optional<Duration> headAge() {
        Instant t = headTimestamp;
        return t == null ? Optional.empty() : Optional.of(Duration.between(t, Instant.now()));
    }

    public long head() {
        return head.get();
    }

    public long cursorBlock() {
        return cursorBlock.get();
    }

    public long logsScanned() {
        return logsScanned.get();
    }

    public long consecutiveFailures() {
        return consecutiveFailures.get();
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** What one poll did. */
    public record PollResult(long head, long cursor, long logsScanned, int anomaliesRaised) {
    }
}
