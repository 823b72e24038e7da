package io.lifeline.ipfs.repair;

import java.util.Optional;

import io.lifeline.ipfs.cid.CarFile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.events.ipfs.IpfsContentMissing;
import io.lifeline.events.ipfs.IpfsContentRepinned;
import io.lifeline.ipfs.cid.Cid;
import io.lifeline.ipfs.cid.DagPb;
import io.lifeline.ipfs.cid.InvalidCidException;
import io.lifeline.ipfs.config.GuardianConfig;
import io.lifeline.ipfs.gateway.GatewayClient;
import io.lifeline.ipfs.gateway.GatewayOutcome;
import io.lifeline.ipfs.gateway.GatewayOutcome.Kind;
import io.lifeline.ipfs.inventory.CidRecord;
import io.lifeline.ipfs.inventory.MetadataExpander;
import io.lifeline.ipfs.messaging.IpfsEventPublisher;
import io.lifeline.ipfs.node.NodeException;
import io.lifeline.ipfs.node.Vantages;
import io.lifeline.ipfs.pinning.PinState;
import io.lifeline.ipfs.pinning.PinningException;
import io.lifeline.ipfs.pinning.PinningServiceClient;

/**
 * Checks one CID from every vantage point and repairs what it can: the own node first (it serves
 * the platform), then pinning services up to the replication target. Blocking, one CID per call;
 * {@link CheckPass} runs several at once. Updates the record; the caller saves it.
 */
@ApplicationScoped
public class ContentChecker {

    private static final Logger LOG = Logger.getLogger(ContentChecker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A file is a few thousand blocks at most for songs; more is a sign of a hostile DAG. */
    private static final int MAX_IMPORT_BLOCKS = 20_000;

    private final GuardianConfig config;
    private final Vantages vantages;
    private final IpfsEventPublisher events;
    private final ContentIncidents incidents;
    private final MetadataExpander expander;

    public ContentChecker(GuardianConfig config, Vantages vantages, IpfsEventPublisher events,
            ContentIncidents incidents, MetadataExpander expander) {
        this.config = config;
        this.vantages = vantages;
        this.events = events;
        this.incidents = incidents;
        this.expander = expander;
    }

    public void check(CidRecord r) {
        Instant now = Instant.now();
        r.lastCheckedAt = now;
        Cid cid;
        try {
            cid = Cid.parse(r.cid);
            if (!cid.verifiable()) {
                throw new InvalidCidException("its hash function cannot be verified (only sha2-256)");
            }
        } catch (InvalidCidException e) {
            r.state = CidRecord.INVALID;
            r.detail = "not a usable CID: " + e.getMessage();
            r.nextCheckAt = now.plus(config.maxBackoff());
            LOG.warnf("song %s: %s (%s)", r.songId, r.detail, r.cid);
            return;
        }
        List<String> foundAt = new ArrayList<>();
        List<String> missingFrom = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String nodeName = vantages.nodeName();

        // 1. The own node: pinned, or at least holding the block?
        boolean pinned = false;
        boolean hasBlock = false;
        boolean nodeAnswered = true;
        try {
            pinned = vantages.node().pinned(cid);
            hasBlock = pinned || vantages.node().hasBlock(cid);
        } catch (NodeException e) {
            nodeAnswered = false;
            problems.add(nodeName + ": " + e.getMessage());
        }
        (pinned ? foundAt : missingFrom).add(nodeName);

        // 2. Pinning services, every status.
        Map<PinningServiceClient, PinState> pins = new LinkedHashMap<>();
        for (PinningServiceClient service : vantages.pinning()) {
            try {
                PinState state = service.status(cid.toString());
                pins.put(service, state);
                (state.pinned() ? foundAt : missingFrom).add(service.name());
            } catch (PinningException e) {
                problems.add(e.getMessage());
                missingFrom.add(service.name());
            }
        }

        // 3. Gateways: a copy counts only if its bytes hash to the CID.
        GatewayOutcome verified = null;
        GatewayClient verifiedBy = null;
        for (GatewayClient gateway : vantages.gateways()) {
            GatewayOutcome outcome = withRetries(gateway, cid);
            if (outcome.kind() == Kind.SKIPPED) {
                continue;
            }
            if (outcome.found()) {
                foundAt.add(gateway.name());
                if (verified == null) {
                    verified = outcome;
                    verifiedBy = gateway;
                }
            } else {
                missingFrom.add(gateway.name());
                if (outcome.kind() != Kind.ABSENT) {
                    problems.add(outcome.toString());
                }
            }
        }

        // 4. Repair the own node.
        String repairedFrom = null;
        if (!pinned && nodeAnswered) {
            send(() -> events.missing(new IpfsContentMissing(cid.toString(), r.songId, List.copyOf(missingFrom),
                    List.copyOf(foundAt), now)));
            repairedFrom = repairNode(cid, hasBlock, verified, verifiedBy, problems);
            if (repairedFrom != null) {
                pinned = true;
                hasBlock = true;
                foundAt.add(0, nodeName);
                missingFrom.remove(nodeName);
                String source = repairedFrom;
                send(() -> events.repinned(new IpfsContentRepinned(cid.toString(), r.songId, nodeName, source,
                        incidents.openIncidentId(r), Instant.now())));
            }
        }
        r.nodePinned = pinned;

        // 5. Pinning services up to the replication target.
        int replicas = (pinned ? 1 : 0) + (int) pins.values().stream().filter(PinState::pinned).count();
        if (replicas < config.replicationTarget() && (pinned || verified != null)) {
            replicas += topUpServices(cid, r, pins, foundAt, missingFrom, problems, config.replicationTarget() - replicas);
        }
        r.replicas = replicas;
        r.foundAt = json(foundAt);

        // 6. Decide the state.
        boolean anywhere = pinned || hasBlock || verified != null || pins.values().stream().anyMatch(PinState::pinned);
        String problemText = problems.isEmpty() ? null : String.join("; ", problems);
        if (!nodeAnswered && !anywhere) {
            // The node is down: that says nothing about the content. Report it, do not count it.
            fail(r, now, CidRecord.ERROR, problemText);
            return;
        }
        if (!anywhere) {
            r.nowhereCount++;
            r.underCount = 0;
            List<String> checked = new ArrayList<>(missingFrom);
            if (r.nowhereCount >= config.lostAfterChecks()) {
                r.detail = "found nowhere " + r.nowhereCount + " checks in a row: " + String.join(", ", checked)
                        + (problemText == null ? "" : " (" + problemText + ")");
                incidents.lost(r, cid, checked);
                r.state = CidRecord.LOST;
                r.consecutiveFailures++;
                r.nextCheckAt = now.plus(config.maxBackoff());
            } else {
                fail(r, now, CidRecord.MISSING, "found nowhere (" + r.nowhereCount + " of "
                        + config.lostAfterChecks() + " checks before it is declared lost)"
                        + (problemText == null ? "" : ": " + problemText));
            }
            return;
        }
        r.nowhereCount = 0;
        if (CidRecord.LOST.equals(r.state)) {
            incidents.foundAgain(r, String.join(", ", foundAt));
        }
        if (pinned) {
            expander.expand(r, cid);
        }
        if (replicas < config.replicationTarget()) {
            r.underCount++;
            fail(r, now, CidRecord.UNDER_REPLICATED, replicas + " of " + config.replicationTarget()
                    + " copies (at " + String.join(", ", foundAt) + ")" + (problemText == null ? "" : ": " + problemText));
            if (r.underCount >= config.underReplicatedAfterChecks()) {
                incidents.underReplicated(r, replicas, config.replicationTarget(), foundAt);
            }
            return;
        }
        r.underCount = 0;
        incidents.replicated(r);
        r.state = repairedFrom != null ? CidRecord.REPAIRED : CidRecord.OK;
        r.detail = (repairedFrom != null ? "re-pinned to " + nodeName + " from " + repairedFrom + "; " : "")
                + replicas + " copies" + (problemText == null ? "" : "; " + problemText);
        r.consecutiveFailures = 0;
        r.nextCheckAt = now.plus(config.recheckAfter());
    }

    private GatewayOutcome withRetries(GatewayClient gateway, Cid cid) {
        GatewayClient.Attempt attempt = gateway.check(cid);
        for (int i = 1; i < config.attempts() && attempt.outcome().kind() == Kind.TRANSIENT; i++) {
            Duration wait = attempt.retryAfter().orElse(config.retryBackoff());
            if (wait.compareTo(config.maxRetryAfter()) > 0) {
                wait = config.maxRetryAfter();
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            attempt = gateway.check(cid);
        }
        return attempt.outcome();
    }

    /** pin/add if the node has (or can fetch) it; else import the verified blocks from a gateway. */
    private String repairNode(Cid cid, boolean hasBlock, GatewayOutcome verified, GatewayClient verifiedBy,
            List<String> problems) {
        try {
            vantages.node().pinAdd(cid, config.node().pinTimeout());
            if (vantages.node().pinned(cid)) {
                return hasBlock ? vantages.nodeName() + " (blocks still in its store)" : vantages.nodeName();
            }
        } catch (NodeException e) {
            if (verified == null) {
                problems.add(vantages.nodeName() + " could not fetch it: " + e.getMessage());
                return null;
            }
        }
        if (verified == null) {
            return null;
        }
        try {
            String imported = importCar(verifiedBy, cid);
            if (imported == null) {
                imported = importFrom(verifiedBy, cid, verified.block()) + " verified blocks one by one (block/put)";
            }
            vantages.node().pinAdd(cid, config.node().pinTimeout());
            if (vantages.node().pinned(cid)) {
                LOG.infof("%s: %s imported from gateway %s and pinned", cid, imported, verifiedBy.name());
                return verifiedBy.name();
            }
            problems.add("imported from " + verifiedBy.name() + " but the node did not pin it");
        } catch (NodeException | RepairException | InvalidCidException e) {
            problems.add("import from " + verifiedBy.name() + " failed: " + e.getMessage());
        }
        return null;
    }

    /**
     * The gateway's CAR of the whole DAG, every block checked against its CID and every link present,
     * then {@code dag/import}; null when there is no usable CAR (the caller walks the DAG instead).
     */
    private String importCar(GatewayClient gateway, Cid root) {
        Optional<byte[]> car = gateway.fetchCar(root, config.maxCarBytes());
        if (car.isEmpty()) {
            return null;
        }
        int blocks;
        try {
            blocks = CarFile.verify(car.get(), root);
        } catch (CarFile.InvalidCarException e) {
            LOG.warnf("%s: the CAR from gateway %s is not usable (%s): walking the DAG block by block instead", root,
                    gateway.name(), e.getMessage());
            return null;
        }
        try {
            vantages.node().dagImport(car.get());
        } catch (NodeException e) {
            LOG.warnf("%s: the node refused the verified CAR (%s): walking the DAG block by block instead", root,
                    e.getMessage());
            return null;
        }
        return blocks + " verified blocks in one CAR (dag/import)";
    }

    /** Walks the DAG from the gateway, every block checked against its CID before the node gets it. */
    private int importFrom(GatewayClient gateway, Cid root, byte[] rootBlock) {
        Deque<Map.Entry<Cid, byte[]>> queue = new ArrayDeque<>();
        queue.add(Map.entry(root, rootBlock));
        int count = 0;
        while (!queue.isEmpty()) {
            Map.Entry<Cid, byte[]> next = queue.poll();
            Cid cid = next.getKey();
            byte[] block = next.getValue();
            String stored = vantages.node().blockPut(cid, block);
            if (!stored.isEmpty() && !Cid.parse(stored).equals(cid)) {
                throw new RepairException("the node stored " + stored + " for " + cid);
            }
            if (++count > MAX_IMPORT_BLOCKS) {
                throw new RepairException("more than " + MAX_IMPORT_BLOCKS + " blocks");
            }
            if (cid.codec() == Cid.DAG_PB) {
                for (Cid link : DagPb.links(block)) {
                    GatewayOutcome child = withRetries(gateway, link);
                    if (!child.found()) {
                        throw new RepairException("block " + link + ": " + child);
                    }
                    queue.add(Map.entry(link, child.block()));
                }
            }
        }
        return count;
    }

    /** Returns how many services reached {@code pinned}. */
    private int topUpServices(Cid cid, CidRecord r, Map<PinningServiceClient, PinState> pins, List<String> foundAt,
            List<String> missingFrom, List<String> problems, int wanted) {
        int added = 0;
        for (Map.Entry<PinningServiceClient, PinState> entry : pins.entrySet()) {
            if (added >= wanted) {
                break;
            }
            PinningServiceClient service = entry.getKey();
            PinState state = entry.getValue();
            if (state.pinned()) {
                continue;
            }
            try {
                if (!state.pending()) {
                    state = service.pin(cid.toString(), r.songId == null ? cid.toString() : "song " + r.songId,
                            config.node().origins().orElse(List.of()),
                            r.songId == null ? Map.of("role", r.role) : Map.of("songId", r.songId, "role", r.role));
                }
                state = follow(service, state);
                if (state.pinned()) {
                    added++;
                    foundAt.add(service.name());
                    missingFrom.remove(service.name());
                    String source = r.nodePinned ? vantages.nodeName() : "origins";
                    send(() -> events.repinned(new IpfsContentRepinned(cid.toString(), r.songId, service.name(),
                            source, incidents.openIncidentId(r), Instant.now())));
                } else {
                    problems.add(service.name() + " pin request " + state.requestId() + " is " + state.status());
                }
            } catch (PinningException e) {
                problems.add(e.getMessage());
            }
        }
        return added;
    }

    private PinState follow(PinningServiceClient service, PinState state) {
        Instant deadline = Instant.now().plus(service.config().pinWait());
        while (state.pending() && Instant.now().isBefore(deadline) && state.requestId() != null) {
            try {
                Thread.sleep(service.config().pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
            state = service.get(state.requestId());
        }
        return state;
    }

    private void fail(CidRecord r, Instant now, String state, String detail) {
        r.state = state;
        r.detail = detail;
        r.consecutiveFailures++;
        long factor = 1L << Math.min(20, r.consecutiveFailures - 1);
        Duration delay = config.failureRecheck().multipliedBy(factor);
        r.nextCheckAt = now.plus(delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay);
    }

    static void send(java.util.function.Supplier<io.smallrye.mutiny.Uni<Void>> publish) {
        OnWorker.await(publish);
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
