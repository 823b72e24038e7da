package io.lifeline.restore.drill;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** The monthly drill, on the plan's day (first Monday of the month, 03:00 UTC by default). */
@ApplicationScoped
public class DrillScheduler {

    private static final Logger LOG = Logger.getLogger(DrillScheduler.class);

    private final DrillService drills;

    public DrillScheduler(DrillService drills) {
        this.drills = drills;
    }

    @Scheduled(cron = "${lifeline.restore.drills.schedule}", timeZone = "UTC", identity = "restore-drill",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        drills.defaultTarget().ifPresentOrElse(t -> LOG.infof("scheduled drill %s of %s", drills.start(t), t),
                () -> LOG.warn("scheduled drill skipped: several targets and no lifeline.restore.drills.target"));
    }
}
