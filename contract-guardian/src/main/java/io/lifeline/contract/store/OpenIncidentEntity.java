package io.lifeline.contract.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An incident the guardian holds open, as JSON, restored into the IncidentTracker at startup. */
@Entity
@Table(name = "open_incident")
public class OpenIncidentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "dedup_key")
    public String dedupKey;

    public String body;
}
