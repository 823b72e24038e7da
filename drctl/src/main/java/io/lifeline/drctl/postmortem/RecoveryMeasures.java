package io.lifeline.drctl.postmortem;

import java.time.Duration;
import java.time.Instant;

/**
 * The times a postmortem reports, and the plan's objectives they are judged against
 * (DISASTER_RECOVERY_PLAN.md: RTO 4 hours, RPO 24 hours). Null where the story lacks a milestone.
 */
public record RecoveryMeasures(Duration timeToDetect, Duration timeToPage, Duration timeToAcknowledge,
                               Duration timeToRecover, Duration timeToResolve, Duration rtoAchieved,
                               Duration rpoAchieved, Duration rtoTarget, Duration rpoTarget) {

    public static final Duration PLAN_RTO = Duration.ofHours(4);
    public static final Duration PLAN_RPO = Duration.ofHours(24);

    static RecoveryMeasures of(Milestones m, Duration rtoTarget, Duration rpoTarget) {
        Instant serviceBack = m.recovered() != null ? m.recovered() : m.resolved();
        return new RecoveryMeasures(
                between(m.failureStart(), m.detected()),
                between(m.detected(), m.paged()),
                between(m.detected(), m.acknowledged()),
                between(m.detected(), m.recovered()),
                between(m.detected(), m.resolved()),
                between(m.failureStart(), serviceBack),
                between(m.backupTakenAt(), m.failureStart()),
                rtoTarget, rpoTarget);
    }

    /** Null when the RTO cannot be judged yet (service not back). */
    public Boolean rtoMet() {
        return rtoAchieved == null ? null : rtoAchieved.compareTo(rtoTarget) <= 0;
    }

    /** Null when no backup was restored: no data was rolled back, so no RPO to judge. */
    public Boolean rpoMet() {
        return rpoAchieved == null ? null : rpoAchieved.compareTo(rpoTarget) <= 0;
    }

    private static Duration between(Instant a, Instant b) {
        if (a == null || b == null) {
            return null;
        }
        Duration d = Duration.between(a, b);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
