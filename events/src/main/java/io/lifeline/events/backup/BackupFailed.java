package io.lifeline.events.backup;

import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;
import static io.lifeline.events.internal.Checks.textList;

import java.time.Instant;
import java.util.List;

/**
 * A backup did not complete.
 *
 * @param stage  where it failed, e.g. {@code dump}, {@code compress}, {@code encrypt}, {@code upload}, {@code verify}
 * @param reason     for people; must never contain credentials or connection strings
 * @param copiesKept complete copies that were kept although the backup failed (e.g. the local file when
 *                   verification of the S3 copy failed); empty when nothing usable was written
 */
public record BackupFailed(String backupId, String requestId, String database, Instant failedAt, String stage,
                           String reason, List<String> copiesKept) {

    public BackupFailed {
        text(backupId, "backupId");
        text(requestId, "requestId");
        text(database, "database");
        required(failedAt, "failedAt");
        text(stage, "stage");
        text(reason, "reason");
        copiesKept = textList(copiesKept, "copiesKept");
    }

    /** A failure that kept no copy. */
    public BackupFailed(String backupId, String requestId, String database, Instant failedAt, String stage,
            String reason) {
        this(backupId, requestId, database, failedAt, stage, reason, List.of());
    }
}
