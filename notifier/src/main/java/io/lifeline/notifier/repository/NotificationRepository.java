package io.lifeline.notifier.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.notifier.Notification;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, String> {

    /** What to queue: the outbox key (incident, step, channel) and the message. */
    public record Pending(String incidentId, String step, String channel, String target, String recipient,
                          String body, Instant notBefore) {

        public Pending(String incidentId, String step, String channel, String target, String recipient, String body) {
            this(incidentId, step, channel, target, recipient, body, null);
        }
    }

    /**
     * Queues a message unless one with the same (incident, step, channel) exists: an incident event
     * seen twice queues nothing the second time. True when a row was added.
     */
    public Uni<Boolean> enqueue(Pending p, Instant now) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO notifier.notification (id, incident_id, step, channel, target, "
                        + "recipient, body, status, attempts, next_attempt_at, created_at) "
                        + "VALUES (:id, :incident, :step, :channel, :target, :recipient, :body, 'PENDING', 0, :due, :now) "
                        + "ON CONFLICT ON CONSTRAINT notification_once_per_step DO NOTHING")
                .setParameter("id", "ntf-" + UUID.randomUUID())
                .setParameter("incident", p.incidentId())
                .setParameter("step", p.step())
                .setParameter("channel", p.channel())
                .setParameter("target", p.target())
                .setParameter("recipient", p.recipient())
                .setParameter("body", p.body())
                .setParameter("due", p.notBefore() == null ? now : p.notBefore())
                .setParameter("now", now)
                .executeUpdate()
                .map(rows -> rows > 0));
    }

    /**
     * Claims up to {@code limit} due rows for {@code lease}: a row is due when its time has come, no
     * other relay holds it, and every earlier row of the same incident, channel and target is done
     * (PagerDuty must see trigger before acknowledge before resolve). A relay that dies holding rows
     * leaves them to be claimed again when the lease runs out.
     */
    public Uni<List<Notification>> claim(Instant now, Instant lockedUntil, int limit) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT n.* FROM notifier.notification n WHERE n.status = 'PENDING' "
                        + "AND n.next_attempt_at <= :now AND (n.locked_until IS NULL OR n.locked_until < :now) "
                        + "AND NOT EXISTS (SELECT 1 FROM notifier.notification e WHERE e.incident_id = n.incident_id "
                        + "AND e.channel = n.channel AND e.target = n.target AND e.status = 'PENDING' AND e.seq < n.seq) "
                        + "ORDER BY n.seq LIMIT :limit FOR UPDATE SKIP LOCKED", Notification.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList())
                .invoke(rows -> rows.forEach(n -> {
                    n.lockedUntil = lockedUntil;
                    n.attempts++;
                }));
    }

    public Uni<List<Notification>> byIds(List<String> ids) {
        return list("id in ?1", ids);
    }

    public Uni<List<Notification>> forIncident(String incidentId) {
        return list("incidentId = ?1 order by seq", incidentId);
    }

    /** The PagerDuty triggers queued for an incident (one per escalation level), oldest first; cancelled ones left out. */
    public Uni<List<Notification>> pages(String incidentId) {
        return list("incidentId = ?1 and channel = ?2 and step like 'page-%' and status <> ?3 order by seq", incidentId,
                Notification.PAGERDUTY, Notification.Status.CANCELLED);
    }

    /**
     * Cancels an incident's held pages: PagerDuty triggers not yet due and never handed to the relay.
     * A relay holding the row (its claim locks it and counts the attempt) wins: the page goes out.
     * Returns how many were cancelled.
     */
    public Uni<Integer> cancelHeldPages(String incidentId, Instant now, String reason) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("UPDATE notifier.notification SET status = 'CANCELLED', finished_at = :now, "
                        + "last_error = :reason WHERE incident_id = :incident AND channel = 'pagerduty' "
                        + "AND step LIKE 'page-%' AND status = 'PENDING' AND attempts = 0 AND next_attempt_at > :now")
                .setParameter("now", now)
                .setParameter("reason", reason)
                .setParameter("incident", incidentId)
                .executeUpdate());
    }
}
