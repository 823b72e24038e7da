package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.optionalAtLeast;
import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code target} now holds the data of {@code backupId}.
 *
 * @param backupTakenAt  when the restored backup was taken: everything after it is lost (the real RPO of this restore)
 * @param stageMillis    duration of each stage in ms, in order (fetch, verify, decrypt, safety-dump, restore,
 *                       verify-restore, swap); null when not measured
 * @param totalMillis    from the request to the swap, approval wait excluded
 * @param rtoMillis      the recovery time objective it is measured against (the plan's 4 h)
 * @param skippedBackups newer backups not used, with the reason
 * @param safetyDump     where the encrypted dump of the target, taken before the swap, is stored
 * @param previousCopy   the database that holds the target's data from before the restore, until retention drops it
 * @param warnings       what did not go perfectly, e.g. "old-format backup: no manifest, row counts not verifiable"
 */
public record RestoreCompleted(String restoreId, String requestId, String incidentId, String backupId, String target,
                               Instant startedAt, Instant completedAt, Instant backupTakenAt,
                               RestoreVerification verification, Map<String, Long> stageMillis, Long totalMillis,
                               Long rtoMillis, List<String> skippedBackups, String safetyDump, String previousCopy,
                               List<String> warnings) {

    public RestoreCompleted {
        text(restoreId, "restoreId");
        text(requestId, "requestId");
        optionalText(incidentId, "incidentId");
        text(backupId, "backupId");
        text(target, "target");
        required(startedAt, "startedAt");
        required(completedAt, "completedAt");
        required(backupTakenAt, "backupTakenAt");
        required(verification, "verification");
        stageMillis = StageTimings.copy(stageMillis, "stageMillis");
        optionalAtLeast(totalMillis, 0, "totalMillis");
        optionalAtLeast(rtoMillis, 0, "rtoMillis");
        skippedBackups = skippedBackups == null ? null : List.copyOf(skippedBackups);
        optionalText(safetyDump, "safetyDump");
        optionalText(previousCopy, "previousCopy");
        warnings = warnings == null ? null : List.copyOf(warnings);
    }

    public RestoreCompleted(String restoreId, String requestId, String incidentId, String backupId, String target,
            Instant startedAt, Instant completedAt, Instant backupTakenAt, RestoreVerification verification) {
        this(restoreId, requestId, incidentId, backupId, target, startedAt, completedAt, backupTakenAt, verification,
                null, null, null, null, null, null, null);
    }

    /** Whether the restore met its recovery time objective; null when either figure is unknown. */
    public Boolean withinRto() {
        return totalMillis == null || rtoMillis == null ? null : totalMillis <= rtoMillis;
    }
}
