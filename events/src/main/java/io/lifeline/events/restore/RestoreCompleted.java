package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * {@code target} now holds the data of {@code backupId}.
 *
 * @param backupTakenAt when the restored backup was taken: everything after it is lost (the real RPO of this restore)
 */
public record RestoreCompleted(String restoreId, String requestId, String incidentId, String backupId, String target,
                               Instant startedAt, Instant completedAt, Instant backupTakenAt,
                               RestoreVerification verification) {

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
    }
}
