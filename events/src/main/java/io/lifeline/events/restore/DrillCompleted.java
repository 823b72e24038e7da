package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.optionalAtLeast;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;
import static io.lifeline.events.internal.Checks.textList;

import java.time.Instant;
import java.util.Map;
import java.util.List;

/**
 * A restore drill (restore into a scratch database, verify, throw away) finished, successfully or not.
 * Published for both outcomes: a drill that fails is exactly what the plan's monthly test wants to hear.
 * The optional fields are the plan's "Document Results" report.
 *
 * @param backupId          the backup drilled; {@code none} when no backup could be found at all
 * @param issues            one line per problem found; empty when {@code success}
 * @param backupIntegrity   checksum, decryption and archive listing passed
 * @param restoreSuccessful pg_restore (or psql, for an old backup) completed into the scratch database
 * @param dataComplete      row counts equal the manifest's and every table, index and constraint is present
 * @param stageMillis       duration of each stage in ms ("time taken")
 * @param rtoMillis         the recovery time objective the duration is compared with
 */
public record DrillCompleted(String drillId, String backupId, Instant startedAt, Instant completedAt, boolean success,
                             long durationMillis, boolean rowCountsMatch, List<String> issues, Boolean backupIntegrity,
                             Boolean restoreSuccessful, Boolean dataComplete, Map<String, Long> stageMillis,
                             Long rtoMillis) {

    public DrillCompleted {
        text(drillId, "drillId");
        text(backupId, "backupId");
        required(startedAt, "startedAt");
        required(completedAt, "completedAt");
        atLeast(durationMillis, 0, "durationMillis");
        issues = textList(issues, "issues");
        stageMillis = StageTimings.copy(stageMillis, "stageMillis");
        optionalAtLeast(rtoMillis, 0, "rtoMillis");
    }

    public DrillCompleted(String drillId, String backupId, Instant startedAt, Instant completedAt, boolean success,
            long durationMillis, boolean rowCountsMatch, List<String> issues) {
        this(drillId, backupId, startedAt, completedAt, success, durationMillis, rowCountsMatch, issues, null, null,
                null, null, null);
    }
}
