package io.lifeline.events.contract;

import static io.lifeline.events.internal.Checks.EVM_ADDRESS;
import static io.lifeline.events.internal.Checks.EVM_HASH;
import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.mapWithoutNullValues;
import static io.lifeline.events.internal.Checks.matches;
import static io.lifeline.events.internal.Checks.oneOf;
import static io.lifeline.events.internal.Checks.optionalAtLeast;
import static io.lifeline.events.internal.Checks.optionalMatches;
import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import io.lifeline.events.incident.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A watched contract did something a rule flags (treasury or fee changed, ownership transferred,
 * payment burst, balance draining). The transaction fields are null for rules that watch state
 * rather than one transaction (e.g. a balance).
 *
 * @param dedupKey      stable across re-detections of the same anomaly (e.g. after a reorg or restart)
 * @param contract      0x-prefixed address as configured; the Kafka key is its lower-case form
 * @param rule          the rule that fired, e.g. {@code treasury-changed}
 * @param confirmations blocks on top of {@code blockNumber} when detected (0 for state rules)
 * @param values        what the rule saw, as strings (uint256 does not fit a JSON number safely)
 * @param status        {@code detected}, or {@code withdrawn} when a chain reorganisation removed the log it was
 *                      based on (same {@code anomalyId} and {@code dedupKey} as the detection it withdraws)
 * @param reason        why it was withdrawn; null for a detection
 */
public record ContractAnomaly(String anomalyId, String dedupKey, long chainId, String contract, String rule,
                              Severity severity, String txHash, Long logIndex, Long blockNumber, String blockHash,
                              long confirmations, Map<String, String> values, Instant detectedAt, String status,
                              String reason) {

    public static final String DETECTED = "detected";
    public static final String WITHDRAWN = "withdrawn";

    public ContractAnomaly {
        text(anomalyId, "anomalyId");
        text(dedupKey, "dedupKey");
        atLeast(chainId, 1, "chainId");
        matches(contract, "contract", EVM_ADDRESS);
        text(rule, "rule");
        required(severity, "severity");
        optionalMatches(txHash, "txHash", EVM_HASH);
        optionalAtLeast(logIndex, 0, "logIndex");
        optionalAtLeast(blockNumber, 0, "blockNumber");
        optionalMatches(blockHash, "blockHash", EVM_HASH);
        atLeast(confirmations, 0, "confirmations");
        values = mapWithoutNullValues(values, "values");
        required(detectedAt, "detectedAt");
        status = status == null ? DETECTED : oneOf(status, "status", Set.of(DETECTED, WITHDRAWN));
        optionalText(reason, "reason");
    }

    /** A detection (the shape before withdrawals existed). */
    public ContractAnomaly(String anomalyId, String dedupKey, long chainId, String contract, String rule,
                           Severity severity, String txHash, Long logIndex, Long blockNumber, String blockHash,
                           long confirmations, Map<String, String> values, Instant detectedAt) {
        this(anomalyId, dedupKey, chainId, contract, rule, severity, txHash, logIndex, blockNumber, blockHash,
                confirmations, values, detectedAt, DETECTED, null);
    }

    /** The same anomaly, withdrawn because a reorganisation removed what it was based on. */
    public ContractAnomaly withdrawn(String why, Instant at) {
        return new ContractAnomaly(anomalyId, dedupKey, chainId, contract, rule, severity, txHash, logIndex,
                blockNumber, blockHash, confirmations, values, at, WITHDRAWN, why);
    }
}
