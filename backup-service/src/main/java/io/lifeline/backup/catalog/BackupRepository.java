package io.lifeline.backup.catalog;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BackupRepository implements PanacheRepositoryBase<BackupRecord, String> {

    public Uni<BackupRecord> findByRequestId(String requestId) {
        return find("requestId", requestId).firstResult();
    }

    public Uni<List<BackupRecord>> listNewestFirst(String database, int limit) {
        return (database == null ? findAll(Sort.descending("startedAt"))
                : find("database", Sort.descending("startedAt"), database)).page(0, limit).list();
    }

    public Uni<BackupRecord> latestVerified(String database) {
        return find("database = ?1 and status = ?2 and verified = true", Sort.descending("completedAt"), database,
                BackupRecord.COMPLETED).firstResult();
    }

    public Uni<List<BackupRecord>> completed() {
        return find("status", Sort.descending("completedAt"), BackupRecord.COMPLETED).list();
    }
}
