package io.lifeline.contract.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One pause or unpause attempt and how it ended; see {@link io.lifeline.contract.pause.PauseStatus}. */
@Entity
@Table(name = "pause_attempt")
public class PauseAttemptEntity extends io.quarkus.hibernate.reactive.panache.PanacheEntityBase {

    @Id
    public String id;

    public String action;

    @Column(name = "contract_name")
    public String contractName;

    public String contract;

    public String rule;

    @Column(name = "anomaly_id")
    public String anomalyId;

    @Column(name = "incident_id")
    public String incidentId;

    public String status;

    public String detail;

    @Column(name = "tx_hash")
    public String txHash;

    @Column(name = "block_number")
    public Long blockNumber;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;
}
