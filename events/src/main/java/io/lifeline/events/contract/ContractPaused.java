package io.lifeline.events.contract;

import static io.lifeline.events.internal.Checks.EVM_ADDRESS;
import static io.lifeline.events.internal.Checks.EVM_HASH;
import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.matches;
import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * A {@code pause()} transaction was mined on a Pausable contract.
 *
 * @param incidentId the incident it answers; null for a manual pause outside any incident
 * @param anomalyId  the anomaly that led to it; null for a manual pause
 * @param approvedBy who approved the pause ({@code policy:auto} style names for automatic approval)
 */
public record ContractPaused(long chainId, String contract, String txHash, long blockNumber, String incidentId,
                             String anomalyId, String approvedBy, Instant pausedAt) {

    public ContractPaused {
        atLeast(chainId, 1, "chainId");
        matches(contract, "contract", EVM_ADDRESS);
        matches(txHash, "txHash", EVM_HASH);
        atLeast(blockNumber, 0, "blockNumber");
        optionalText(incidentId, "incidentId");
        optionalText(anomalyId, "anomalyId");
        text(approvedBy, "approvedBy");
        required(pausedAt, "pausedAt");
    }
}
