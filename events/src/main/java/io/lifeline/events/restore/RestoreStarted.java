package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;
import java.util.List;

/**
 * The restore service picked the backup, checked it (checksum, decryption, archive) and began the
 * restore of {@code target} (safety dump, then a restore beside it).
 *
 * @param skippedBackups newer backups that were not used, one line each with the reason; null or empty if none
 */
public record RestoreStarted(String restoreId, String requestId, String incidentId, String backupId, String target,
                             Instant startedAt, List<String> skippedBackups) {

    public RestoreStarted {
        text(restoreId, "restoreId");
        text(requestId, "requestId");
        optionalText(incidentId, "incidentId");
        text(backupId, "backupId");
        text(target, "target");
        required(startedAt, "startedAt");
        skippedBackups = skippedBackups == null ? null : List.copyOf(skippedBackups);
    }

    public RestoreStarted(String restoreId, String requestId, String incidentId, String backupId, String target,
            Instant startedAt) {
        this(restoreId, requestId, incidentId, backupId, target, startedAt, null);
    }
}
