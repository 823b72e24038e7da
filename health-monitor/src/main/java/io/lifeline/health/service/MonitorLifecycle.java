package io.lifeline.health.service;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.lifeline.health.maintenance.MaintenanceService;
import io.lifeline.health.rpo.BackupWatch;
import io.lifeline.health.rpo.DrillWatch;
import io.lifeline.health.self.HeartbeatWatch;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Restores what the monitor knew before it stopped (open incidents, probe states, backup and drill
 * watches, the services' last heartbeats) before any probe runs or any event is consumed, so a restart mid-incident pages nobody twice.
 */
@ApplicationScoped
public class MonitorLifecycle {

    private static final Logger LOG = Logger.getLogger(MonitorLifecycle.class);

    private final ProbeService probes;
    private final BackupWatch backups;
    private final DrillWatch drills;
    private final MaintenanceService maintenance;
    private final HeartbeatWatch heartbeats;

    public MonitorLifecycle(ProbeService probes, BackupWatch backups, DrillWatch drills,
            MaintenanceService maintenance, HeartbeatWatch heartbeats) {
        this.probes = probes;
        this.backups = backups;
        this.drills = drills;
        this.maintenance = maintenance;
        this.heartbeats = heartbeats;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        restore().await().atMost(Duration.ofSeconds(60));
        LOG.info("health-monitor state restored");
    }

    /** Drops the in-memory state and reloads it from the store, exactly as a restart does. */
    public Uni<Void> restore() {
        return maintenance.reload().chain(probes::reload).chain(backups::reload).chain(drills::reload)
                .chain(heartbeats::reload);
    }
}
