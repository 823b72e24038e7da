package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.optionalText;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/** The restore service picked the backup and began writing {@code target}. */
public record RestoreStarted(String restoreId, String requestId, String incidentId, String backupId, String target,
                             Instant startedAt) {

    public RestoreStarted {
        text(restoreId, "restoreId");
        text(requestId, "requestId");
        optionalText(incidentId, "incidentId");
        text(backupId, "backupId");
        text(target, "target");
        required(startedAt, "startedAt");
    }
}
