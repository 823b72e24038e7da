package io.lifeline.notifier;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Generated;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One row of the outbox: a message owed to PagerDuty, Slack or Kafka. Its id is the
 * {@code notificationId} of every {@code notification.sent}/{@code failed} event about it, the same
 * across retries, so a consumer can tell a re-delivery from a new notification.
 */
@Entity
@Table(name = "notification", schema = "notifier")
public class Notification extends PanacheEntityBase {

    public static final String PAGERDUTY = "pagerduty";
    public static final String SLACK = "slack";
    public static final String TICKET = "ticket";
    /** A Lifeline event (incident.acknowledged, incident.escalated) published through the outbox. */
    public static final String EVENT = "event";

    /** CANCELLED: a held page no longer owed (its incident resolved or was acknowledged before it was due). */
    public enum Status { PENDING, SENT, FAILED, CANCELLED }

    @Id
    public String id;

    /** Creation order; a row is sent only after every earlier row of its incident and channel. */
    @Generated
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "incident_id", nullable = false)
    public String incidentId;

    @Column(nullable = false)
    public String step;

    @Column(nullable = false)
    public String channel;

    /** Where the secret comes from at send time ({@code role/person}, Slack channel name, topic). */
    @Column(nullable = false)
    public String target;

    /** Who or what receives it, for people and events: a role and person, a Slack channel name. */
    @Column(nullable = false)
    public String recipient;

    /** The request body, without any secret (the routing key is added at send time). */
    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
