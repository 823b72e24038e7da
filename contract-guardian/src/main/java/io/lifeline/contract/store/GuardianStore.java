package io.lifeline.contract.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * contract-guardian's persistence (schema contract_guardian): cursor, recent block hashes,
 * anomalies, open incidents, pause attempts, remembered state values. Blocking callers go through
 * {@link OnWorker}.
 */
@ApplicationScoped
public class GuardianStore {

    // --- cursor and block hashes -----------------------------------------------------------------

    @WithSession
    public Uni<CursorEntity> cursor(String name) {
        return CursorEntity.findById(name);
    }

    /** Saves the cursor and the hashes of the blocks just processed, in one transaction. */
    @WithTransaction
    public Uni<Void> advance(String name, long chainId, long blockNumber, String blockHash, List<SeenBlockEntity> seen,
            int keep) {
        return CursorEntity.<CursorEntity>findById(name).chain(existing -> {
            CursorEntity c = existing != null ? existing : new CursorEntity();
            c.name = name;
            c.chainId = chainId;
            c.blockNumber = blockNumber;
            c.blockHash = blockHash;
            c.updatedAt = Instant.now();
            Uni<?> save = existing != null ? Uni.createFrom().item(c) : c.persist();
            return save;
        }).chain(() -> upsertSeen(seen, 0))
                .chain(() -> SeenBlockEntity.delete("blockNumber < ?1", blockNumber - keep))
                .replaceWithVoid();
    }

    private Uni<Void> upsertSeen(List<SeenBlockEntity> seen, int index) {
        if (index >= seen.size()) {
            return Uni.createFrom().voidItem();
        }
        SeenBlockEntity s = seen.get(index);
        return SeenBlockEntity.<SeenBlockEntity>findById(s.blockNumber).chain(existing -> {
            if (existing != null) {
                existing.blockHash = s.blockHash;
                return Uni.createFrom().voidItem();
            }
            return s.persist().replaceWithVoid();
        }).chain(() -> upsertSeen(seen, index + 1));
    }

    /** Known hashes at or below the cursor, newest first (to find the common ancestor). */
    @WithSession
    public Uni<List<SeenBlockEntity>> seenBlocksDescending(long atOrBelow) {
        return SeenBlockEntity.<SeenBlockEntity>find("blockNumber <= ?1", Sort.descending("blockNumber"), atOrBelow)
                .list();
    }

    /** Rewinds the cursor to the common ancestor and forgets the hashes above it. */
    @WithTransaction
    public Uni<Void> rewind(String name, long blockNumber, String blockHash) {
        return CursorEntity.<CursorEntity>findById(name).chain(c -> {
            if (c != null) {
                c.blockNumber = blockNumber;
                c.blockHash = blockHash;
                c.updatedAt = Instant.now();
            }
            return SeenBlockEntity.delete("blockNumber > ?1", blockNumber);
        }).replaceWithVoid();
    }

    // --- anomalies -------------------------------------------------------------------------------

    @WithSession
    public Uni<AnomalyEntity> anomaly(String dedupKey) {
        return AnomalyEntity.findById(dedupKey);
    }

    @WithTransaction
    public Uni<Void> saveAnomaly(AnomalyEntity anomaly) {
        return AnomalyEntity.<AnomalyEntity>findById(anomaly.dedupKey).chain(existing -> {
            if (existing == null) {
                return anomaly.persist().replaceWithVoid();
            }
            existing.anomalyId = anomaly.anomalyId;
            existing.status = anomaly.status;
            existing.blockHash = anomaly.blockHash;
            existing.blockNumber = anomaly.blockNumber;
            existing.detectedAt = anomaly.detectedAt;
            existing.payload = anomaly.payload;
            return Uni.createFrom().voidItem();
        });
    }

    /** Detected anomalies from blocks above the given number (candidates for withdrawal after a reorg). */
    @WithSession
    public Uni<List<AnomalyEntity>> detectedAbove(long blockNumber) {
        return AnomalyEntity.<AnomalyEntity>find("status = 'detected' and blockNumber > ?1", blockNumber).list();
    }

    @WithSession
    public Uni<Long> detectedCountForIncident(String incidentKind) {
        return AnomalyEntity.count("status = 'detected' and incidentKind = ?1", incidentKind);
    }

    @WithSession
    public Uni<List<AnomalyEntity>> anomalies(int limit) {
        return AnomalyEntity.<AnomalyEntity>findAll(Sort.descending("detectedAt")).page(0, limit).list();
    }

    // --- incidents -------------------------------------------------------------------------------

    @WithSession
    public Uni<List<OpenIncidentEntity>> openIncidents() {
        return OpenIncidentEntity.listAll();
    }

    @WithTransaction
    public Uni<Void> saveIncident(String dedupKey, String body) {
        return OpenIncidentEntity.<OpenIncidentEntity>findById(dedupKey).chain(existing -> {
            if (existing != null) {
                existing.body = body;
                return Uni.createFrom().voidItem();
            }
            OpenIncidentEntity e = new OpenIncidentEntity();
            e.dedupKey = dedupKey;
            e.body = body;
            return e.persist().replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<Void> deleteIncident(String dedupKey) {
        return OpenIncidentEntity.deleteById(dedupKey).replaceWithVoid();
    }

    // --- pause attempts --------------------------------------------------------------------------

    @WithTransaction
    public Uni<Void> savePauseAttempt(PauseAttemptEntity attempt) {
        return PauseAttemptEntity.<PauseAttemptEntity>findById(attempt.id).chain(existing -> {
            if (existing == null) {
                return attempt.persist().replaceWithVoid();
            }
            existing.status = attempt.status;
            existing.detail = attempt.detail;
            existing.txHash = attempt.txHash;
            existing.blockNumber = attempt.blockNumber;
            existing.approvedBy = attempt.approvedBy;
            existing.decidedAt = attempt.decidedAt;
            existing.incidentId = attempt.incidentId;
            return Uni.createFrom().voidItem();
        });
    }

    @WithSession
    public Uni<PauseAttemptEntity> pauseAttempt(String id) {
        return PauseAttemptEntity.findById(id);
    }

    @WithSession
    public Uni<List<PauseAttemptEntity>> pauseAttempts(String contractName) {
        return (contractName == null ? PauseAttemptEntity.<PauseAttemptEntity>findAll(Sort.descending("requestedAt"))
                : PauseAttemptEntity.<PauseAttemptEntity>find("contractName", Sort.descending("requestedAt"),
                        contractName)).list();
    }

    /** The latest pause attempt of a contract within the window, if any. */
    @WithSession
    public Uni<Optional<PauseAttemptEntity>> recentPauseAttempt(String contractName, Duration window) {
        return PauseAttemptEntity.<PauseAttemptEntity>find("action = 'pause' and contractName = ?1 and requestedAt > ?2",
                Sort.descending("requestedAt"), contractName, Instant.now().minus(window)).firstResult()
                .map(Optional::ofNullable);
    }

    // --- state values ----------------------------------------------------------------------------

    @WithSession
    public Uni<StateValueEntity> stateValue(String contractName, String name) {
        return StateValueEntity.findById(new StateValueEntity.Key(contractName, name));
    }

    @WithTransaction
    public Uni<Void> saveStateValue(String contractName, String name, String value) {
        return StateValueEntity.<StateValueEntity>findById(new StateValueEntity.Key(contractName, name))
                .chain(existing -> {
                    if (existing != null) {
                        existing.value = value;
                        existing.updatedAt = Instant.now();
                        return Uni.createFrom().voidItem();
                    }
                    StateValueEntity e = new StateValueEntity();
                    e.contractName = contractName;
                    e.name = name;
                    e.value = value;
                    e.updatedAt = Instant.now();
                    return e.persist().replaceWithVoid();
                });
    }
}
