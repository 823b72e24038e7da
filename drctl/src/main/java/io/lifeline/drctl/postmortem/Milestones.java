package io.lifeline.drctl.postmortem;

import java.time.Instant;
import java.util.Map;

/**
 * The moments a postmortem measures. Any of them may be null: an incident still open has no
 * {@code resolved}, one nobody acknowledged has no {@code acknowledged}.
 *
 * @param failureStart   the earliest sign of the failure (first failing probe or signal)
 * @param recovered      the service was back: restore completed, contract paused, content re-pinned or health recovered
 * @param backupTakenAt  when the backup that was restored had been taken (for the RPO achieved)
 * @param restoreStages  per-stage durations in milliseconds, as the restore reported them
 */
public record Milestones(Instant failureStart, Instant detected, Instant paged, Instant acknowledged,
                         Instant recoveryStarted, Instant recovered, String recoveredBy, Instant resolved,
                         String backupId, Instant backupTakenAt, Map<String, Long> restoreStages) {
}
