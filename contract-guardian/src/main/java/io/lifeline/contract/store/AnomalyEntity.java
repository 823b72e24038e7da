package io.lifeline.contract.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One anomaly raised, with the event payload as sent (to withdraw it later with the same ids). */
@Entity
@Table(name = "anomaly")
public class AnomalyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "dedup_key")
    public String dedupKey;

    @Column(name = "anomaly_id")
    public String anomalyId;

    @Column(name = "contract_name")
    public String contractName;

    public String rule;

    @Column(name = "incident_kind")
    public String incidentKind;

    @Column(name = "tx_hash")
    public String txHash;

    @Column(name = "log_index")
    public Long logIndex;

    @Column(name = "block_number")
    public Long blockNumber;

    @Column(name = "block_hash")
    public String blockHash;

    public String status;

    @Column(name = "detected_at")
    public Instant detectedAt;

    public String payload;
}
