package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.optionalAtLeast;
import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A restore did not complete.
 *
 * @param backupId        null when the restore failed before a backup was chosen (e.g. no verified backup exists)
 * @param stage           where it failed, e.g. {@code select}, {@code download}, {@code decrypt}, {@code restore}, {@code verify}
 * @param reason          for people; must never contain credentials or connection strings
 * @param targetUntouched true when the target database was not changed at all (the normal case: a restore writes
 *                        beside it and only swaps names at the very end); null when unknown
 * @param stageMillis     duration of the stages that ran, in ms
 * @param skippedBackups  backups that were tried or passed over, with the reason
 */
public record RestoreFailed(String restoreId, String requestId, String incidentId, String backupId, String target,
                            Instant failedAt, String stage, String reason, Boolean targetUntouched,
                            Map<String, Long> stageMillis, Long totalMillis, List<String> skippedBackups) {

    public RestoreFailed {
        text(restoreId, "restoreId");
        text(requestId, "requestId");
        optionalText(incidentId, "incidentId");
        optionalText(backupId, "backupId");
        text(target, "target");
        required(failedAt, "failedAt");
        text(stage, "stage");
        text(reason, "reason");
        stageMillis = StageTimings.copy(stageMillis, "stageMillis");
        optionalAtLeast(totalMillis, 0, "totalMillis");
        skippedBackups = skippedBackups == null ? null : List.copyOf(skippedBackups);
    }

    public RestoreFailed(String restoreId, String requestId, String incidentId, String backupId, String target,
            Instant failedAt, String stage, String reason) {
        this(restoreId, requestId, incidentId, backupId, target, failedAt, stage, reason, null, null, null, null);
    }
}
