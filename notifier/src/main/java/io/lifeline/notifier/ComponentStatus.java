package io.lifeline.notifier;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A component's health as the status page shows it. */
@Entity
@Table(name = "component_status", schema = "notifier")
public class ComponentStatus extends PanacheEntityBase {

    @Id
    public String component;

    @Column(nullable = false)
    public boolean degraded;

    @Column(nullable = false)
    public String probe;

    /** Since when the component is in this state. */
    @Column(nullable = false)
    public Instant since;

    @Column(name = "as_of", nullable = false)
    public Instant asOf;
}
