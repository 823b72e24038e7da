package io.lifeline.ipfs.inventory;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.ipfs.repair.OnWorker;
import io.quarkus.hibernate.reactive.panache.Panache;

/** Blocking access to the inventory for the check workers (Hibernate Reactive underneath). */
@ApplicationScoped
public class CidStore {

    private final CidRepository repository;

    public CidStore(CidRepository repository) {
        this.repository = repository;
    }

    /** Due CIDs not yet checked in the pass that started at {@code passStart}, most urgent first. */
    public List<CidRecord> due(Instant now, Instant passStart, int limit) {
        return OnWorker.await(() -> Panache.withSession(() -> repository.find(
                "state <> 'retired' and nextCheckAt <= ?1 and (lastCheckedAt is null or lastCheckedAt < ?2)"
                        + " order by lastCheckedAt asc nulls first, consecutiveFailures desc, nextCheckAt asc",
                now, passStart).page(0, limit).list()));
    }

    public CidRecord find(String cid) {
        return OnWorker.await(() -> Panache.withSession(() -> repository.findById(cid)));
    }

    public List<CidRecord> withIncident() {
        return OnWorker.await(() -> Panache.withSession(repository::withIncident));
    }

    public List<CidRecord> lost() {
        return OnWorker.await(() -> Panache.withSession(repository::lost));
    }

    public List<CidRecord> bySong(String songId) {
        return OnWorker.await(() -> Panache.withSession(() -> repository.find("songId", songId).list()));
    }

    public void save(CidRecord record) {
        OnWorker.await(() -> Panache.withTransaction(
                () -> repository.getSession().flatMap(s -> s.merge(record)).replaceWithVoid()));
    }
}
