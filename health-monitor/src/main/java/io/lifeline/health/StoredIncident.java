package io.lifeline.health;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One open incident of this monitor, as persisted; the incident itself is the JSON body. */
@Entity
@Table(name = "open_incident", schema = "health_monitor")
public class StoredIncident {

    @Id
    @Column(name = "dedup_key")
    public String dedupKey;

    @Column(name = "incident_id", nullable = false)
    public String incidentId;

    @Column(nullable = false)
    public String component;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String severity;

    @Column(nullable = false, columnDefinition = "text")
    public String body;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
