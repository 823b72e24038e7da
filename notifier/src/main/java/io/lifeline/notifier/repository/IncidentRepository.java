package io.lifeline.notifier.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lifeline.notifier.TrackedIncident;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<TrackedIncident, String> {

    /** The incident, locked until the transaction ends: one writer per incident at a time. */
    public Uni<TrackedIncident> findForUpdate(String id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Open incidents whose escalation timer has run out, locked; others' rows are skipped, not waited for. */
    public Uni<List<TrackedIncident>> dueForEscalation(Instant now, int limit) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT * FROM notifier.incident WHERE status = 'OPEN' "
                        + "AND next_escalation_at <= :now ORDER BY next_escalation_at LIMIT :limit "
                        + "FOR UPDATE SKIP LOCKED", TrackedIncident.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    /**
     * Serialises grouping decisions about one component until the transaction ends (an advisory lock:
     * two incidents of one component arriving at once on different channels cannot both page).
     */
    public Uni<Void> lockComponent(String component) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) l")
                .setParameter("key", "notifier/group/" + component)
                .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * The first open incident of {@code component} opened between {@code from} and {@code to} that
     * pages on its own (not itself grouped, not a placeholder): what a new incident groups into.
     */
    public Uni<TrackedIncident> groupPrimary(String component, String excludeId, Instant from, Instant to) {
        return find("component = ?1 and id <> ?2 and status <> ?3 and groupedInto is null and summary is not null "
                + "and openedAt >= ?4 and openedAt <= ?5 order by openedAt, id", component, excludeId,
                TrackedIncident.Status.RESOLVED, from, to).firstResult();
    }

    /** How many other incidents with this dedup key were resolved at or after {@code since}: its flaps. */
    public Uni<Long> resolvedSince(String dedupKey, String excludeId, Instant since) {
        return count("dedupKey = ?1 and id <> ?2 and status = ?3 and resolvedAt >= ?4", dedupKey, excludeId,
                TrackedIncident.Status.RESOLVED, since);
    }
}
