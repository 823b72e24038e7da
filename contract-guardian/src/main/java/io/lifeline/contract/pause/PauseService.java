package io.lifeline.contract.pause;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import io.lifeline.contract.chain.ChainClient;
import io.lifeline.contract.chain.ChainClients;
import io.lifeline.contract.chain.ChainException;
import io.lifeline.contract.config.GuardianConfig;
import io.lifeline.contract.config.WatchList;
import io.lifeline.contract.config.Watched;
import io.lifeline.contract.incident.GuardianIncidents;
import io.lifeline.contract.messaging.GuardianEvents;
import io.lifeline.contract.store.GuardianStore;
import io.lifeline.contract.store.OnWorker;
import io.lifeline.contract.store.PauseAttemptEntity;
import io.lifeline.events.contract.ContractPaused;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;

/**
 * The plan's emergency path. For a Pausable contract: at most one attempt per window; policy
 * {@code auto} goes ahead, {@code approval} waits for a person; then read {@code paused()}, make the
 * second RPC agree, simulate with {@code eth_call}, sign with the pause-only key (gas cap, pending
 * nonce), send, wait for the receipt, publish {@code contract.paused}. Dry-run stops before sending.
 * A contract without a pause gets the redeploy incident. Never unpauses by itself. Blocking.
 */
@ApplicationScoped
public class PauseService {

    public static final String REDEPLOY_KIND_PREFIX = "redeploy-required:";

    private static final Logger LOG = Logger.getLogger(PauseService.class);
    private static final String PAUSE = FunctionEncoder.encode(new Function("pause", List.of(), List.of()));
    private static final String UNPAUSE = FunctionEncoder.encode(new Function("unpause", List.of(), List.of()));
    private static final String PAUSED = FunctionEncoder.encode(new Function("paused", List.of(), List.of()));

    private final GuardianConfig config;
    private final WatchList watchList;
    private final ChainClients chain;
    private final PauserKey key;
    private final GuardianStore store;
    private final GuardianEvents events;
    private final GuardianIncidents incidents;

    public PauseService(GuardianConfig config, WatchList watchList, ChainClients chain, PauserKey key,
            GuardianStore store, GuardianEvents events, GuardianIncidents incidents) {
        this.config = config;
        this.watchList = watchList;
        this.chain = chain;
        this.key = key;
        this.store = store;
        this.events = events;
        this.incidents = incidents;
    }

    /** A rule marked {@code pause} fired on the contract. */
    public synchronized void onPauseRule(String contractName, String anomalyId, String incidentId, String rule) {
        Watched w = watchList.byName(contractName).orElseThrow();
        if (!w.pausable()) {
            redeployIncident(w, anomalyId, rule);
            return;
        }
        String policy = w.pausePolicy();
        if ("off".equals(policy)) {
            LOG.warnf("rule %s asks to pause %s, but the pause policy is off", rule, contractName);
            return;
        }
        Optional<PauseAttemptEntity> recent = OnWorker.await(() -> store.recentPauseAttempt(contractName,
                config.pause().window()));
        if (recent.isPresent()) {
            LOG.infof("rule %s asks to pause %s again: attempt %s (%s) within the last %s; no second attempt", rule,
                    contractName, recent.get().id, recent.get().status, config.pause().window());
            return;
        }
        PauseAttemptEntity attempt = new PauseAttemptEntity();
        attempt.id = "pause-" + UUID.randomUUID();
        attempt.action = "pause";
        attempt.contractName = contractName;
        attempt.contract = w.address();
        attempt.rule = rule;
        attempt.anomalyId = anomalyId;
        attempt.incidentId = incidentId;
        attempt.requestedAt = Instant.now();
        attempt.requestedBy = "policy:" + policy;
        if ("approval".equals(policy)) {
            attempt.status = PauseStatus.AWAITING_APPROVAL;
            attempt.detail = "approve with POST /pauses/" + attempt.id + "/approve";
            OnWorker.await(() -> store.savePauseAttempt(attempt));
            LOG.warnf("pause of %s awaits approval: POST /pauses/%s/approve", contractName, attempt.id);
            return;
        }
        attempt.status = PauseStatus.SENT;
        OnWorker.await(() -> store.savePauseAttempt(attempt));
        execute(w, attempt, "policy:auto");
    }

    /** A person approved a waiting pause. */
    public synchronized PauseAttemptEntity approve(String attemptId, String who) {
        PauseAttemptEntity attempt = OnWorker.await(() -> store.pauseAttempt(attemptId));
        if (attempt == null) {
            throw new NotFound("no pause attempt " + attemptId);
        }
        if (!"pause".equals(attempt.action) || !PauseStatus.AWAITING_APPROVAL.equals(attempt.status)) {
            throw new Conflict("pause attempt " + attemptId + " is " + attempt.status + ", not awaiting approval");
        }
        Watched w = watchList.byName(attempt.contractName).orElseThrow();
        execute(w, attempt, who);
        return attempt;
    }

    private void execute(Watched w, PauseAttemptEntity attempt, String approvedBy) {
        attempt.approvedBy = approvedBy;
        attempt.decidedAt = Instant.now();
        try {
            if (readPaused(chain.primary(), w)) {
                finish(attempt, PauseStatus.ALREADY_PAUSED, "paused() is already true: nothing sent");
                return;
            }
            Optional<String> disagreement = secondaryDisagrees(w, attempt);
            if (disagreement.isPresent()) {
                finish(attempt, PauseStatus.RPC_DISAGREE, disagreement.get());
                incidentNote(w, attempt, Severity.CRITICAL, "pause of " + w.name() + " NOT sent: " + disagreement.get());
                return;
            }
            Credentials credentials = key.credentials().orElseThrow(() -> new ChainException("no pauser key loaded"));
            try {
                chain.primary().call(credentials.getAddress(), w.address(), PAUSE, null);
            } catch (ChainException e) {
                finish(attempt, PauseStatus.SIMULATION_FAILED, "eth_call simulation of pause() from "
                        + credentials.getAddress() + " failed: " + e.getMessage());
                incidentNote(w, attempt, Severity.CRITICAL, "pause of " + w.name() + " NOT sent: simulation failed");
                return;
            }
            if (w.dryRun()) {
                finish(attempt, PauseStatus.DRY_RUN, "dry-run: pause() simulated successfully from "
                        + credentials.getAddress() + "; nothing sent");
                LOG.warnf("DRY-RUN: would send pause() to %s (%s) from %s", w.name(), w.address(),
                        credentials.getAddress());
                return;
            }
            TransactionReceipt receipt = sendAndWait(w, credentials, PAUSE, attempt);
            if (!receipt.isStatusOK()) {
                finish(attempt, PauseStatus.FAILED, "pause() transaction " + receipt.getTransactionHash() + " reverted");
                incidentNote(w, attempt, Severity.CRITICAL, "pause of " + w.name() + " reverted on chain");
                return;
            }
            attempt.blockNumber = receipt.getBlockNumber().longValueExact();
            finish(attempt, PauseStatus.CONFIRMED, "paused in block " + attempt.blockNumber);
            ContractPaused paused = new ContractPaused(config.rpc().chainId(), w.address(), attempt.txHash,
                    attempt.blockNumber, attempt.incidentId, attempt.anomalyId, approvedBy, Instant.now());
            OnWorker.await(() -> events.paused(paused));
            LOG.warnf("%s paused: tx %s block %d (approved by %s)", w.name(), attempt.txHash, attempt.blockNumber,
                    approvedBy);
        } catch (ChainException e) {
            finish(attempt, PauseStatus.FAILED, e.getMessage());
            incidentNote(w, attempt, Severity.CRITICAL, "pause of " + w.name() + " failed: " + e.getMessage());
        }
    }

    /** Unpause is a person's decision, never automatic: recorded with who asked. */
    public synchronized PauseAttemptEntity unpause(String contractName, String who) {
        Watched w = watchList.byName(contractName).orElseThrow(() -> new NotFound("no watched contract " + contractName));
        if (!w.pausable()) {
            throw new Conflict(contractName + " has no pause()/unpause()");
        }
        PauseAttemptEntity attempt = new PauseAttemptEntity();
        attempt.id = "unpause-" + UUID.randomUUID();
        attempt.action = "unpause";
        attempt.contractName = contractName;
        attempt.contract = w.address();
        attempt.requestedAt = Instant.now();
        attempt.requestedBy = who;
        attempt.approvedBy = who;
        attempt.decidedAt = attempt.requestedAt;
        attempt.status = PauseStatus.SENT;
        OnWorker.await(() -> store.savePauseAttempt(attempt));
        try {
            if (!readPaused(chain.primary(), w)) {
                finish(attempt, PauseStatus.REFUSED, "paused() is false: nothing to unpause");
                return attempt;
            }
            Credentials credentials = key.credentials().orElseThrow(() -> new ChainException("no pauser key loaded"));
            try {
                chain.primary().call(credentials.getAddress(), w.address(), UNPAUSE, null);
            } catch (ChainException e) {
                finish(attempt, PauseStatus.REFUSED, "the guardian's key may not unpause " + contractName
                        + " (simulation: " + e.getMessage() + "); the contract owner must call unpause()");
                return attempt;
            }
            if (w.dryRun()) {
                finish(attempt, PauseStatus.DRY_RUN, "dry-run: unpause() simulated; nothing sent");
                return attempt;
            }
            TransactionReceipt receipt = sendAndWait(w, credentials, UNPAUSE, attempt);
            attempt.blockNumber = receipt.getBlockNumber().longValueExact();
            finish(attempt, receipt.isStatusOK() ? PauseStatus.CONFIRMED : PauseStatus.FAILED,
                    receipt.isStatusOK() ? "unpaused by " + who : "unpause() reverted");
        } catch (ChainException e) {
            finish(attempt, PauseStatus.FAILED, e.getMessage());
        }
        return attempt;
    }

    public boolean readPaused(ChainClient client, Watched w) {
        String result = client.call(null, w.address(), PAUSED, null);
        return result != null && !Numeric.toBigInt(result.equals("0x") ? "0x0" : result).equals(BigInteger.ZERO);
    }

    private Optional<String> secondaryDisagrees(Watched w, PauseAttemptEntity attempt) {
        if (chain.secondary().isEmpty()) {
            return Optional.empty();
        }
        ChainClient second = chain.secondary().get();
        try {
            if (second.chainId() != config.rpc().chainId()) {
                return Optional.of("the second RPC " + second.url() + " is on chain " + second.chainId());
            }
            if (readPaused(second, w)) {
                return Optional.of("the second RPC already sees " + w.name() + " paused");
            }
            String code = second.code(w.address(), null);
            if (code == null || code.equals("0x")) {
                return Optional.of("the second RPC sees no contract at " + w.address());
            }
            return Optional.empty();
        } catch (ChainException e) {
            return Optional.of("the second RPC could not confirm: " + e.getMessage());
        }
    }

    private TransactionReceipt sendAndWait(Watched w, Credentials credentials, String data, PauseAttemptEntity attempt) {
        ChainClient client = chain.primary();
        BigInteger gasPrice = client.gasPrice();
        if (gasPrice.compareTo(config.pause().maxGasPriceWei()) > 0) {
            throw new ChainException("gas price " + gasPrice + " wei is above the cap "
                    + config.pause().maxGasPriceWei() + " (lifeline.contract.pause.max-gas-price-wei)");
        }
        BigInteger nonce = client.pendingNonce(credentials.getAddress());
        RawTransaction tx = RawTransaction.createTransaction(nonce, gasPrice,
                BigInteger.valueOf(config.pause().gasLimit()), w.address(), BigInteger.ZERO, data);
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, config.rpc().chainId(), credentials));
        String txHash = client.sendRaw(signed);
        attempt.txHash = txHash;
        attempt.detail = "sent with nonce " + nonce + ", gas price " + gasPrice + " wei; waiting for the receipt";
        OnWorker.await(() -> store.savePauseAttempt(attempt));
        Instant deadline = Instant.now().plus(config.pause().receiptTimeout());
        while (Instant.now().isBefore(deadline)) {
            Optional<TransactionReceipt> receipt = client.receipt(txHash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainException("interrupted while waiting for the receipt of " + txHash);
            }
        }
        throw new ChainException("no receipt for " + txHash + " within " + config.pause().receiptTimeout());
    }

    private void finish(PauseAttemptEntity attempt, String status, String detail) {
        attempt.status = status;
        attempt.detail = detail;
        attempt.decidedAt = Instant.now();
        OnWorker.await(() -> store.savePauseAttempt(attempt));
        LOG.infof("%s attempt %s on %s: %s (%s)", attempt.action, attempt.id, attempt.contractName, status, detail);
    }

    private void incidentNote(Watched w, PauseAttemptEntity attempt, Severity severity, String summary) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("attemptId", attempt.id);
        detail.put("status", attempt.status);
        detail.put("detail", attempt.detail == null ? "" : attempt.detail);
        detail.put("contract", w.address());
        incidents.failure(new FailureReport(GuardianIncidents.COMPONENT, "pause-failed:" + w.name(), severity,
                summary.length() > 1000 ? summary.substring(0, 1000) : summary,
                new Signal("contract.pause.failed", "contract-guardian/" + w.name(), Instant.now(), detail), null));
    }

    /**
     * The plan's "If No Pause Mechanism" path: an incident that carries the redeploy runbook and the
     * current addresses and ABIs, so the lead can deploy a fixed contract and repoint the platform.
     */
    private void redeployIncident(Watched w, String anomalyId, String rule) {
        Map<String, Object> detail = new LinkedHashMap<>();
        Map<String, String> addresses = new LinkedHashMap<>();
        Map<String, String> abis = new LinkedHashMap<>();
        watchList.all().forEach(c -> {
            addresses.put(c.name(), c.address());
            abis.put(c.name(), c.abi().json());
        });
        w.token().ifPresent(t -> addresses.put(w.name() + ".token", t));
        detail.put("chainId", config.rpc().chainId());
        detail.put("contract", w.address());
        detail.put("anomalyId", anomalyId);
        detail.put("rule", rule);
        detail.put("addresses", addresses);
        detail.put("abis", abis);
        detail.put("steps", List.of(
                "1. Confirm the attack from the anomaly (tx, block) and stop platform writes to " + w.address(),
                "2. Deploy the fixed contract (with Pausable) using the ABI here; transfer ownership to the multisig",
                "3. Point the platform at the new address (API config, indexer start block) and redeploy the API",
                "4. Move remaining funds per the plan; add the new address to contract-guardian and resolve"));
        incidents.failure(new FailureReport(GuardianIncidents.COMPONENT, REDEPLOY_KIND_PREFIX + w.name(),
                Severity.CRITICAL, w.name() + " (" + w.address() + ") has no pause(): rule " + rule
                        + " fired; follow the redeploy runbook (deploy a fixed contract, repoint the platform)",
                new Signal("contract.redeploy-required", "contract-guardian/" + w.name(), Instant.now(), detail),
                config.redeployRunbookUrl()));
    }

    public Duration window() {
        return config.pause().window();
    }

    /** The attempt does not exist. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The attempt is not in a state that allows the action. */
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }
}
