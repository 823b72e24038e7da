package io.lifeline.contract.incident;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.contract.messaging.GuardianEvents;
import io.lifeline.contract.store.GuardianStore;
import io.lifeline.contract.store.OnWorker;
import io.lifeline.contract.store.OpenIncidentEntity;
import io.lifeline.events.EventJson;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Incident;
import io.lifeline.events.incident.IncidentChange;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.IncidentTracker;

/**
 * The incidents contract-guardian raises (component {@code contract}, routed to the Smart Contract
 * Lead): one per contract and rule (and one per infrastructure failure), updated when seen again,
 * kept in PostgreSQL so that a restart updates instead of opening a duplicate. Blocking: call from a
 * worker thread.
 */
@ApplicationScoped
public class GuardianIncidents {

    /** The component every incident of this service is about; notifier routes it to the Smart Contract Lead. */
    public static final String COMPONENT = "contract";

    private static final Logger LOG = Logger.getLogger(GuardianIncidents.class);
    private static final ObjectMapper JSON = EventJson.mapper();

    private final IncidentTracker tracker = new IncidentTracker("contract-guardian", Clock.systemUTC());
    private final GuardianStore store;
    private final GuardianEvents events;
    private volatile boolean loaded;

    public GuardianIncidents(GuardianStore store, GuardianEvents events) {
        this.store = store;
        this.events = events;
    }

    /** (Re)loads the open incidents from the database, e.g. after a restart. */
    public synchronized void load() {
        List<OpenIncidentEntity> rows = OnWorker.await(store::openIncidents);
        tracker.restore(rows.stream().map(r -> read(r.body)).toList());
        loaded = true;
        LOG.infof("%d open contract incidents restored", rows.size());
    }

    /** Opens or updates the incident for this failure; returns the incident id. */
    public synchronized String failure(FailureReport report) {
        ensureLoaded();
        IncidentChange change = tracker.failure(report);
        Incident incident = tracker.find(report.component(), report.kind()).orElseThrow();
        OnWorker.await(() -> events.incidentChanged(change));
        OnWorker.await(() -> store.saveIncident(incident.dedupKey(), write(incident)));
        return change.incidentId();
    }

    public synchronized Optional<Incident> find(String kind) {
        ensureLoaded();
        return tracker.find(COMPONENT, kind);
    }

    public synchronized int openCount() {
        ensureLoaded();
        return tracker.open().size();
    }

    /** Resolves the incident of that kind if one is open. */
    public synchronized Optional<IncidentResolved> recovered(String kind, String resolution) {
        ensureLoaded();
        Optional<IncidentResolved> resolved = tracker.recovered(COMPONENT, kind, resolution);
        resolved.ifPresent(r -> {
            OnWorker.await(() -> events.incidentResolved(r));
            OnWorker.await(() -> store.deleteIncident(r.dedupKey()));
        });
        return resolved;
    }

    private void ensureLoaded() {
        if (!loaded) {
            load();
        }
    }

    private static Incident read(String body) {
        try {
            return JSON.readValue(body, Incident.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Incident incident) {
        try {
            return JSON.writeValueAsString(incident);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
