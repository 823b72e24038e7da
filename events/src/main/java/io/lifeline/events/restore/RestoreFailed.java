package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * A restore did not complete.
 *
 * @param backupId null when the restore failed before a backup was chosen (e.g. no verified backup exists)
 * @param stage    where it failed, e.g. {@code select}, {@code download}, {@code decrypt}, {@code restore}, {@code verify}
 * @param reason   for people; must never contain credentials or connection strings
 */
public record RestoreFailed(String restoreId, String requestId, String incidentId, String backupId, String target,
                            Instant failedAt, String stage, String reason) {

    public RestoreFailed {
        text(restoreId, "restoreId");
        text(requestId, "requestId");
        optionalText(incidentId, "incidentId");
        optionalText(backupId, "backupId");
        text(target, "target");
        required(failedAt, "failedAt");
        text(stage, "stage");
        text(reason, "reason");
    }
}
