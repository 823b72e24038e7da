package io.lifeline.restore.service;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.lifeline.restore.config.RestoreConfig;
import io.lifeline.restore.pipeline.DatabaseAdmin;
import io.lifeline.restore.pipeline.PgTools;
import io.lifeline.restore.repository.DrillRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * What a killed restore leaves behind is cleaned at the next start: its half-restored scratch
 * database is dropped (the target was never touched) and its record becomes a failure. Also
 * expires approvals, and stops child processes on shutdown.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final RestoreConfig config;
    private final RestoreService restores;
    private final DrillRepository drills;
    private final java.time.Instant startedAt = java.time.Instant.now();

    public Housekeeping(RestoreConfig config, RestoreService restores, DrillRepository drills) {
        this.config = config;
        this.restores = restores;
        this.drills = drills;
    }

    void onStart(@Observes StartupEvent event) {
        // Off the main thread: a PostgreSQL or Kafka that is slow to answer must not delay readiness.
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                cleanUpAfterCrash();
            } catch (RuntimeException e) {
                LOG.errorf(e, "cleaning up after the previous run failed");
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        PgTools.stopAll();
    }

    /** Drops every scratch database of every target; marks interrupted restores and drills failed. */
    public List<String> cleanUpAfterCrash() {
        restores.failInterrupted(startedAt);
        drills.failRunning("restore-service stopped while the drill ran", startedAt);
        List<String> dropped = new ArrayList<>();
        config.targets().forEach((name, target) -> {
            String db = target.dbname().orElse(name);
            DatabaseAdmin admin = new DatabaseAdmin(target);
            for (String kind : List.of("_restore_", "_drill_")) {
                try {
                    for (String scratch : admin.namesStartingWith(db + kind)) {
                        if (io.lifeline.restore.pipeline.RestoreRunner.active(scratch)) {
                            continue;
                        }
                        admin.dropIfExists(scratch);
                        dropped.add(scratch);
                        LOG.warnf("dropped %s, left by a restore or drill that did not finish", scratch);
                    }
                } catch (SQLException e) {
                    LOG.warnf("cannot clean scratch databases of %s: %s", name, e.getMessage());
                }
            }
        });
        return dropped;
    }

    @Scheduled(every = "${lifeline.restore.approval.check-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireApprovals() {
        restores.expireApprovals();
    }
}
