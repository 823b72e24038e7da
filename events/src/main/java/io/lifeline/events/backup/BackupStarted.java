package io.lifeline.events.backup;

import static io.lifeline.events.internal.Checks.oneOf;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/** The backup service accepted a request and gave the backup its id. */
public record BackupStarted(String backupId, String requestId, String database, String trigger,
                            Instant startedAt) {

    public BackupStarted {
        text(backupId, "backupId");
        text(requestId, "requestId");
        text(database, "database");
        oneOf(trigger, "trigger", BackupRequested.TRIGGERS);
        required(startedAt, "startedAt");
    }
}
