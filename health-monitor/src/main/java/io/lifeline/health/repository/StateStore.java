package io.lifeline.health.repository;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.events.EventJson;
import io.lifeline.events.incident.Incident;
import io.lifeline.health.StoredIncident;
import io.lifeline.health.StoredProbeState;
import io.lifeline.health.StoredWatch;
import io.lifeline.health.service.ComponentState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The monitor's memory across restarts: open incidents, probe states, what the watches learned.
 * Writes are applied one after the other, in the order they were asked for, so that an incident
 * opened and resolved a moment later never ends up stored as open.
 */
@ApplicationScoped
public class StateStore {

    private final Db db;
    private final IncidentRepository incidents;
    private final ProbeStateRepository probes;
    private final WatchRepository watches;
    private final Clock clock;
    private final ObjectMapper json = EventJson.mapper();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    public StateStore(Db db, IncidentRepository incidents, ProbeStateRepository probes, WatchRepository watches,
            Clock clock) {
        this.db = db;
        this.incidents = incidents;
        this.probes = probes;
        this.watches = watches;
        this.clock = clock;
    }

    public Uni<Void> saveIncident(Incident incident) {
        StoredIncident row = new StoredIncident();
        row.dedupKey = incident.dedupKey();
        row.incidentId = incident.id();
        row.component = incident.component();
        row.kind = incident.kind();
        row.severity = incident.severity().wireName();
        row.body = write(incident);
        row.updatedAt = clock.instant();
        return serialized(() -> Panache.getSession().chain(s -> s.merge(row)).replaceWithVoid());
    }

    public Uni<Void> deleteIncident(String dedupKey) {
        return serialized(() -> incidents.deleteById(dedupKey).replaceWithVoid());
    }

    public Uni<List<Incident>> loadIncidents() {
        return db.transaction(() -> incidents.listAll())
                .map(rows -> rows.stream().map(r -> read(r.body, Incident.class)).toList());
    }

    public Uni<Void> saveProbeState(String probe, String component, ComponentState.Snapshot snapshot,
            Long baseline) {
        StoredProbeState row = new StoredProbeState();
        row.probe = probe;
        row.component = component;
        row.degraded = snapshot.degradedSince() != null;
        row.degradedSince = snapshot.degradedSince();
        row.flapping = snapshot.flapping();
        row.baseline = baseline;
        row.body = write(snapshot);
        row.updatedAt = clock.instant();
        return serialized(() -> Panache.getSession().chain(s -> s.merge(row)).replaceWithVoid());
    }

    public Uni<List<StoredProbeState>> loadProbeStates() {
        return db.transaction(() -> probes.listAll());
    }

    public ComponentState.Snapshot snapshotOf(StoredProbeState row) {
        return read(row.body, ComponentState.Snapshot.class);
    }

    public <T> Uni<Void> saveWatch(String name, T value) {
        StoredWatch row = new StoredWatch();
        row.name = name;
        row.body = write(value);
        row.updatedAt = clock.instant();
        return serialized(() -> Panache.getSession().chain(s -> s.merge(row)).replaceWithVoid());
    }

    public Uni<List<StoredWatch>> loadWatches() {
        return db.transaction(() -> watches.listAll());
    }

    public <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + value.getClass().getSimpleName(), e);
        }
    }

    private Uni<Void> serialized(Supplier<Uni<Void>> work) {
        CompletableFuture<Void> previous;
        CompletableFuture<Void> next = new CompletableFuture<>();
        synchronized (this) {
            previous = tail;
            tail = next;
        }
        return Uni.createFrom().completionStage(previous)
                .chain(() -> db.transaction(work))
                .onTermination().invoke(() -> next.complete(null));
    }
}
