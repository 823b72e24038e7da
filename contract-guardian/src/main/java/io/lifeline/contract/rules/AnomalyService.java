package io.lifeline.contract.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.contract.config.GuardianConfig;
import io.lifeline.contract.incident.GuardianIncidents;
import io.lifeline.contract.messaging.GuardianEvents;
import io.lifeline.contract.pause.PauseService;
import io.lifeline.contract.store.AnomalyEntity;
import io.lifeline.contract.store.GuardianStore;
import io.lifeline.contract.store.OnWorker;
import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.contract.ContractAnomaly;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Signal;

/**
 * Turns findings into exactly one {@code contract.anomaly} each (the dedup key is checked against
 * the database, so restarts and rescans repeat nothing), opens or updates the incident of the
 * contract and rule, and hands pause-marked findings to the {@link PauseService}. Withdraws what a
 * reorganisation invalidated. Blocking: called by the scanner's worker thread.
 */
@ApplicationScoped
public class AnomalyService {

    private static final Logger LOG = Logger.getLogger(AnomalyService.class);

    private final GuardianConfig config;
    private final GuardianStore store;
    private final GuardianEvents events;
    private final GuardianIncidents incidents;
    private final PauseService pauses;

    public AnomalyService(GuardianConfig config, GuardianStore store, GuardianEvents events,
            GuardianIncidents incidents, PauseService pauses) {
        this.config = config;
        this.store = store;
        this.events = events;
        this.incidents = incidents;
        this.pauses = pauses;
    }

    public static String incidentKind(String rule, String contractName) {
        return rule + ":" + contractName;
    }

    /** Raises the finding unless it was raised before (and not withdrawn since). Returns true if raised. */
    public boolean raise(Finding f, long confirmations) {
        AnomalyEntity existing = OnWorker.await(() -> store.anomaly(f.dedupKey()));
        if (existing != null && ContractAnomaly.DETECTED.equals(existing.status)) {
            return false;
        }
        Instant now = Instant.now();
        String anomalyId = "anm-" + UUID.nameUUIDFromBytes((f.dedupKey() + "@" + now.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8));
        ContractAnomaly anomaly = new ContractAnomaly(anomalyId, f.dedupKey(), config.rpc().chainId(), f.contract(),
                f.rule(), f.severity(), f.txHash(), f.logIndex(), f.blockNumber(), f.blockHash(),
                Math.max(0, confirmations), f.values(), now);
        OnWorker.await(() -> events.anomaly(anomaly));
        AnomalyEntity row = new AnomalyEntity();
        row.dedupKey = f.dedupKey();
        row.anomalyId = anomalyId;
        row.contractName = f.contractName();
        row.rule = f.rule();
        row.incidentKind = incidentKind(f.rule(), f.contractName());
        row.txHash = f.txHash();
        row.logIndex = f.logIndex();
        row.blockNumber = f.blockNumber();
        row.blockHash = f.blockHash();
        row.status = ContractAnomaly.DETECTED;
        row.detectedAt = now;
        row.payload = write(anomaly);
        OnWorker.await(() -> store.saveAnomaly(row));
        LOG.warnf("anomaly %s (%s, %s): %s", anomalyId, f.rule(), f.severity().wireName(), f.summary());

        Map<String, Object> detail = new LinkedHashMap<>(f.values());
        detail.put("anomalyId", anomalyId);
        detail.put("contract", f.contract());
        detail.put("chainId", config.rpc().chainId());
        if (f.txHash() != null) {
            detail.put("txHash", f.txHash());
            detail.put("logIndex", f.logIndex());
        }
        if (f.blockNumber() != null) {
            detail.put("blockNumber", f.blockNumber());
        }
        String incidentId = incidents.failure(new FailureReport(GuardianIncidents.COMPONENT,
                incidentKind(f.rule(), f.contractName()), f.severity(), truncate(f.summary()),
                new Signal("contract.anomaly", "contract-guardian/" + f.contractName(), now, detail), null));
        if (f.pause()) {
            pauses.onPauseRule(f.contractName(), anomalyId, incidentId, f.rule());
        }
        return true;
    }

    /**
     * A reorganisation removed the log (or block) the anomaly was based on: publish it withdrawn and,
     * when no other detection keeps its incident open, resolve the incident.
     */
    public void withdraw(AnomalyEntity row, String reason) {
        ContractAnomaly original = read(row.payload);
        ContractAnomaly withdrawn = original.withdrawn(reason, Instant.now());
        OnWorker.await(() -> events.anomaly(withdrawn));
        row.status = ContractAnomaly.WITHDRAWN;
        row.payload = write(withdrawn);
        OnWorker.await(() -> store.saveAnomaly(row));
        LOG.warnf("anomaly %s withdrawn: %s", row.anomalyId, reason);
        long remaining = OnWorker.await(() -> store.detectedCountForIncident(row.incidentKind));
        if (remaining == 0) {
            incidents.recovered(row.incidentKind, "withdrawn: " + reason);
        }
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    private static String write(ContractAnomaly a) {
        return EventCodec.encode(EventTypes.CONTRACT_ANOMALY, a);
    }

    private static ContractAnomaly read(String json) {
        return EventCodec.decode(EventTypes.CONTRACT_ANOMALY, json);
    }
}
