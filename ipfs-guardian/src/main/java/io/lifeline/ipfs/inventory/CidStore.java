package io.lifeline.ipfs.inventory;

import java.util.Optional;

import io.lifeline.ipfs.shard.Shards;

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

    private static final String DUE = "state <> 'retired' and nextCheckAt <= ?1"
            + " and (lastCheckedAt is null or lastCheckedAt < ?2)";
    private static final String URGENT_FIRST =
            " order by lastCheckedAt asc nulls first, consecutiveFailures desc, nextCheckAt asc";

    /** Due CIDs not yet checked in the pass that started at {@code passStart}, most urgent first. */
    public List<CidRecord> due(Instant now, Instant passStart, int limit) {
        return due(now, passStart, limit, Optional.empty());
    }

    /** The same, only those of this instance's shards (all of them when {@code shards} is empty). */
    public List<CidRecord> due(Instant now, Instant passStart, int limit, Optional<Shards> shards) {
        if (shards.isEmpty()) {
            return OnWorker.await(() -> Panache.withSession(() -> repository.find(DUE + URGENT_FIRST, now, passStart)
                    .page(0, limit).list()));
        }
        if (shards.get().none()) {
            return List.of();
        }
        List<Integer> owned = List.copyOf(shards.get().owned());
        int partitions = shards.get().partitions();
        return OnWorker.await(() -> Panache.withSession(() -> repository.find(
                DUE + " and mod(keyHash, ?3) in ?4" + URGENT_FIRST, now, passStart, partitions, owned)
                .page(0, limit).list()));
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
