package io.lifeline.events.backup;

import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * A backup did not complete.
 *
 * @param stage  where it failed, e.g. {@code dump}, {@code compress}, {@code encrypt}, {@code upload}, {@code verify}
 * @param reason for people; must never contain credentials or connection strings
 */
public record BackupFailed(String backupId, String requestId, String database, Instant failedAt, String stage,
                           String reason) {

    public BackupFailed {
        text(backupId, "backupId");
        text(requestId, "requestId");
        text(database, "database");
        required(failedAt, "failedAt");
        text(stage, "stage");
        text(reason, "reason");
    }
}
