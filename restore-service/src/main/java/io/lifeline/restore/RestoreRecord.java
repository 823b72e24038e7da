package io.lifeline.restore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.lifeline.events.restore.BackupSelector;

/**
 * A restore as restore-service keeps it (table {@code restore_service.restores}).
 *
 * @param status {@code awaiting-approval}, {@code queued}, {@code running}, {@code completed} or {@code failed}
 * @param result the {@code restore.completed} payload as JSON, once completed
 */
public record RestoreRecord(String restoreId, String requestId, String target, BackupSelector selector,
        String incidentId, String requestedBy, String trigger, String status, String stage, String backupId,
        String reason, Boolean targetUntouched, boolean approvalRequired, Instant approvalDeadline, String approvedBy,
        Instant approvedAt, Instant requestedAt, Instant startedAt, Instant finishedAt, Map<String, Long> stages,
        List<String> skipped, String result) {

    public static final String AWAITING_APPROVAL = "awaiting-approval";
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public boolean active() {
        return AWAITING_APPROVAL.equals(status) || QUEUED.equals(status) || RUNNING.equals(status);
    }
}
