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
}
