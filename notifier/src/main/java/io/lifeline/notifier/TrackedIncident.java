package io.lifeline.notifier;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An incident as the notifier tracks it: routing, acknowledgement, and the escalation timer. */
@Entity
@Table(name = "incident", schema = "notifier")
public class TrackedIncident extends PanacheEntityBase {

    public enum Status { OPEN, ACKNOWLEDGED, RESOLVED }

    @Id
    public String id;

    @Column(name = "dedup_key", nullable = false)
    public String dedupKey;

    @Column(nullable = false)
    public String component;

    @Column(nullable = false)
    public String kind;

    /** Wire name (critical, high, medium); null on a placeholder. */
    public String severity;

    /** Null on a placeholder (an ack or resolution seen before the incident itself). */
    public String summary;

    @Column(name = "runbook_url")
    public String runbookUrl;

    @Column(name = "raised_by")
    public String raisedBy;

    @Column(nullable = false)
    public String role;

    @Column(name = "routed_by_default", nullable = false)
    public boolean routedByDefault;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "escalation_level", nullable = false)
    public int escalationLevel;

    @Column(name = "next_escalation_at")
    public Instant nextEscalationAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The first open incident of the same component this one was grouped into; null when it pages on its own. */
    @Column(name = "grouped_into")
    public String groupedInto;

    /** Incidents with the same dedup key resolved within the flapping window before this one opened. */
    @Column(nullable = false)
    public int flaps;

    public boolean isPlaceholder() {
        return summary == null;
    }
}
