package io.lifeline.contract.rest;

import java.time.Instant;

import io.lifeline.contract.store.PauseAttemptEntity;

/** A pause or unpause attempt as the API shows it. */
public record PauseView(String id, String action, String contractName, String contract, String rule, String anomalyId,
                        String incidentId, String status, String detail, String txHash, Long blockNumber,
                        Instant requestedAt, String requestedBy, String approvedBy, Instant decidedAt) {

    public static PauseView of(PauseAttemptEntity e) {
        return new PauseView(e.id, e.action, e.contractName, e.contract, e.rule, e.anomalyId, e.incidentId, e.status,
                e.detail, e.txHash, e.blockNumber, e.requestedAt, e.requestedBy, e.approvedBy, e.decidedAt);
    }
}
