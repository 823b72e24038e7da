package io.lifeline.events.backup;

import static io.lifeline.events.internal.Checks.oneOf;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;
import java.util.Set;

/**
 * Someone or something asked for a backup of {@code database}. Keyed by database: there is no
 * backup id yet.
 *
 * @param trigger one of {@link #TRIGGERS}: {@code schedule}, {@code rest}, {@code event}, {@code drctl}
 */
public record BackupRequested(String requestId, String database, String trigger, String requestedBy,
                              Instant requestedAt) {

    public static final String TRIGGER_SCHEDULE = "schedule";
    public static final String TRIGGER_REST = "rest";
    public static final String TRIGGER_EVENT = "event";
    public static final String TRIGGER_DRCTL = "drctl";
    public static final Set<String> TRIGGERS = Set.of(TRIGGER_SCHEDULE, TRIGGER_REST, TRIGGER_EVENT, TRIGGER_DRCTL);

    public BackupRequested {
        text(requestId, "requestId");
        text(database, "database");
        oneOf(trigger, "trigger", TRIGGERS);
        text(requestedBy, "requestedBy");
        required(requestedAt, "requestedAt");
    }
}
