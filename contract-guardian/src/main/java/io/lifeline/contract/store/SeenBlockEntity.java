package io.lifeline.contract.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The hash a processed block had; compared with the chain to find where a reorganisation forked. */
@Entity
@Table(name = "seen_block")
public class SeenBlockEntity extends PanacheEntityBase {

    @Id
    @Column(name = "block_number")
    public long blockNumber;

    @Column(name = "block_hash")
    public String blockHash;
}
