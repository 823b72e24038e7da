package io.lifeline.events.backup;

import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * Retention removed one stored copy of a backup (a dry run publishes nothing).
 *
 * @param location the copy removed, e.g. {@code file:/var/backups/...} or {@code s3://bucket/key}
 * @param rule     the retention rule that let it go, e.g. {@code local older than 30 days}
 */
public record BackupPruned(String backupId, String database, String location, String rule, Instant backupTakenAt,
                           Instant prunedAt) {

    public BackupPruned {
        text(backupId, "backupId");
        text(database, "database");
        text(location, "location");
        text(rule, "rule");
        required(backupTakenAt, "backupTakenAt");
        required(prunedAt, "prunedAt");
    }
}
