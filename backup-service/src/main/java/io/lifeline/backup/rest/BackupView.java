package io.lifeline.backup.rest;

import java.time.Instant;
import java.util.List;

import io.lifeline.backup.catalog.BackupRecord;
import io.lifeline.backup.catalog.CatalogService;
import io.lifeline.backup.service.BackupService;

/** A backup as the API shows it; progress only while it runs. */
public record BackupView(String backupId, String requestId, String database, String trigger, String status,
        Instant startedAt, Instant completedAt, Long sizeBytes, String sha256, boolean verified, String verificationLevel,
        Instant verifiedAt, List<String> locations, String failureStage, String failureReason, Progress progress) {

    public record Progress(String stage, long dumpBytes, long storedBytes, long bytesPerSecond) {
    }

    static BackupView of(BackupRecord r, BackupService.Running running) {
        Progress progress = running == null ? null : new Progress(running.progress().stage(),
                running.progress().dumpBytes().get(), running.progress().storedBytes().get(),
                running.progress().throughput(Instant.now()));
        return new BackupView(r.backupId, r.requestId, r.database, r.trigger, r.status, r.startedAt, r.completedAt,
                r.sizeBytes, r.sha256, r.verified, r.verificationLevel, r.verifiedAt, CatalogService.locations(r),
                r.failureStage, r.failureReason, progress);
    }
}
