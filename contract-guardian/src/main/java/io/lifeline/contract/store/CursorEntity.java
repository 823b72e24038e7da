package io.lifeline.contract.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The last fully processed block (number and hash) of one chain. */
@Entity
@Table(name = "cursor")
public class CursorEntity extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "chain_id")
    public long chainId;

    @Column(name = "block_number")
    public long blockNumber;

    @Column(name = "block_hash")
    public String blockHash;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
