package io.lifeline.health;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The flap-free state of one probe, as persisted across restarts. */
@Entity
@Table(name = "probe_state", schema = "health_monitor")
public class StoredProbeState {

    @Id
    public String probe;

    @Column(nullable = false)
    public String component;

    @Column(nullable = false)
    public boolean degraded;

    @Column(name = "degraded_since")
    public Instant degradedSince;

    @Column(nullable = false)
    public boolean flapping;

    public Long baseline;

    @Column(nullable = false, columnDefinition = "text")
    public String body;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
