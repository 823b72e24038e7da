package io.lifeline.health.service;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Incident;
import io.lifeline.events.incident.IncidentChange;
import io.lifeline.events.incident.IncidentTracker;
import io.lifeline.health.maintenance.MaintenanceService;
import io.lifeline.events.EventTypes;
import io.lifeline.health.messaging.HealthEvents;
import io.lifeline.health.repository.StateStore;
import io.smallrye.mutiny.Uni;

/**
 * The incidents this monitor raises (none for a component inside a maintenance window), through the
 * {@code events} {@link IncidentTracker}: the same failure again updates, never duplicates. Each change
 * is stored together with its event (one transaction, through the outbox), so a crash can neither
 * publish an incident it forgot nor remember one it never published; the stored open incidents are
 * reloaded at start, so a failure already reported is not paged again.
 */
@ApplicationScoped
public class IncidentService {

    public static final String RAISED_BY = "health-monitor";

    private static final Logger LOG = Logger.getLogger(IncidentService.class);

    private final HealthEvents events;
    private final StateStore store;
    private final Clock clock;
    private final MaintenanceService maintenance;
    private volatile IncidentTracker tracker;

    public IncidentService(HealthEvents events, StateStore store, Clock clock,
            MaintenanceService maintenance) {
        this.events = events;
        this.store = store;
        this.clock = clock;
        this.maintenance = maintenance;
        this.tracker = new IncidentTracker(RAISED_BY, clock);
    }

    /** Forgets what is in memory and reloads the stored open incidents (at start). */
    public Uni<Void> reload() {
        return store.loadIncidents().invoke(open -> {
            IncidentTracker fresh = new IncidentTracker(RAISED_BY, clock);
            fresh.restore(open);
            tracker = fresh;
            LOG.infof("%d open incident(s) restored", open.size());
        }).replaceWithVoid();
    }

    /** Opens the incident, or updates the open one with the new signal. */
    public Uni<Void> raise(FailureReport report) {
        if (maintenance.inMaintenance(report.component())) {
            LOG.infof("%s/%s inside a maintenance window: no incident (%s)", report.component(), report.kind(),
                    report.summary());
            return Uni.createFrom().voidItem();
        }
        IncidentChange change = tracker.failure(report);
        Incident current = tracker.find(report.component(), report.kind()).orElseThrow();
        return store.saveIncident(current, events.of(change));
    }

    /** Opens the incident unless one is open already: for watches that re-check the same fact. */
    public Uni<Void> raiseOnce(FailureReport report) {
        if (find(report.component(), report.kind()).isPresent()) {
            return Uni.createFrom().voidItem();
        }
        return raise(report);
    }

    /** Resolves the open incident of that component and kind, if there is one. */
    public Uni<Void> clear(String component, String kind, String resolution) {
        return tracker.recovered(component, kind, resolution)
                .map(resolved -> store.deleteIncident(resolved.dedupKey(),
                        events.of(EventTypes.INCIDENT_RESOLVED, resolved)))
                .orElse(Uni.createFrom().voidItem());
    }

    public Optional<Incident> find(String component, String kind) {
        return tracker.find(component, kind);
    }

    public Collection<Incident> open() {
        return tracker.open();
    }
}
