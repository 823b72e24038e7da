package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;
import static io.lifeline.events.internal.Checks.textList;

import java.time.Instant;
import java.util.List;

/**
 * A restore drill (restore into a scratch database, verify, throw away) finished, successfully or not.
 * Published for both outcomes: a drill that fails is exactly what the plan's monthly test wants to hear.
 *
 * @param issues one line per problem found; empty when {@code success}
 */
public record DrillCompleted(String drillId, String backupId, Instant startedAt, Instant completedAt, boolean success,
                             long durationMillis, boolean rowCountsMatch, List<String> issues) {

    public DrillCompleted {
        text(drillId, "drillId");
        text(backupId, "backupId");
        required(startedAt, "startedAt");
        required(completedAt, "completedAt");
        atLeast(durationMillis, 0, "durationMillis");
        issues = textList(issues, "issues");
    }
}
