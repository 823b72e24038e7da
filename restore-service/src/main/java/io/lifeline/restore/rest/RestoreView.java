package io.lifeline.restore.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.events.EventJson;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.restore.RestoreRecord;

/** A restore as the API shows it; {@code result} is the restore.completed payload once done. */
public record RestoreView(String restoreId, String requestId, String target, BackupSelector selector,
        String incidentId, String requestedBy, String trigger, String status, String stage, String backupId,
        String reason, Boolean targetUntouched, boolean approvalRequired, Instant approvalDeadline, String approvedBy,
        Instant approvedAt, Instant requestedAt, Instant startedAt, Instant finishedAt, Map<String, Long> stageMillis,
        List<String> skippedBackups, JsonNode result) {

    static RestoreView of(RestoreRecord r) {
        JsonNode result = null;
        if (r.result() != null) {
            try {
                result = EventJson.mapper().readTree(r.result());
            } catch (java.io.IOException e) {
                result = null;
            }
        }
        return new RestoreView(r.restoreId(), r.requestId(), r.target(), r.selector(), r.incidentId(),
                r.requestedBy(), r.trigger(), r.status(), r.stage(), r.backupId(), r.reason(), r.targetUntouched(),
                r.approvalRequired(), r.approvalDeadline(), r.approvedBy(), r.approvedAt(), r.requestedAt(),
                r.startedAt(), r.finishedAt(), r.stages(), r.skipped(), result);
    }
}
