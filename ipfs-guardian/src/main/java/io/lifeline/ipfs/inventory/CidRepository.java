package io.lifeline.ipfs.inventory;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CidRepository implements PanacheRepositoryBase<CidRecord, String> {

    /**
     * The most urgent due CIDs: never checked first, then the ones failing most, then the oldest.
     * Back-off lives in {@code nextCheckAt}, so a CID failing for days does not crowd out the rest.
     */
    public Uni<List<CidRecord>> dueAt(Instant now, int limit) {
        return find("state <> 'retired' and nextCheckAt <= ?1"
                + " order by lastCheckedAt asc nulls first, consecutiveFailures desc, nextCheckAt asc", now)
                .page(0, limit).list();
    }

    public Uni<List<CidRecord>> withIncident() {
        return find("incident is not null").list();
    }

    public Uni<List<CidRecord>> lost() {
        return find("state", CidRecord.LOST).list();
    }
}
