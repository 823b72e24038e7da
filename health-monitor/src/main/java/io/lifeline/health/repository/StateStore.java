package io.lifeline.health.repository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.events.EventJson;
import io.lifeline.events.incident.Incident;
import io.lifeline.health.StoredIncident;
import io.lifeline.health.StoredProbeState;
import io.lifeline.health.StoredWatch;
import io.lifeline.health.service.ComponentState;
import io.lifeline.outbox.OutboxEvent;
import io.lifeline.outbox.ReactiveOutbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The monitor's memory across restarts (open incidents, probe states, what the watches learned) and
 * the events that report each change: a state change and its events are one transaction, so an
 * incident is never published without being stored nor stored without being published.
 *
 * <p>Writes are behind the monitor, not in its way: each is queued and applied one after the other,
 * in the order asked (an incident opened and resolved a moment later never ends up stored as open),
 * retried with backoff while Lifeline's database is away, and the caller moves on at once. Detection
 * lives in memory; nothing a probe round does waits for the database or the broker.
 */
@ApplicationScoped
public class StateStore {

    private static final Logger LOG = Logger.getLogger(StateStore.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final Db db;
    private final IncidentRepository incidents;
    private final ProbeStateRepository probes;
    private final WatchRepository watches;
    private final ReactiveOutbox outbox;
    private final Clock clock;
    private final ObjectMapper json = EventJson.mapper();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile Instant failingSince;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    public StateStore(Db db, IncidentRepository incidents, ProbeStateRepository probes, WatchRepository watches,
            ReactiveOutbox outbox, Clock clock) {
        this.db = db;
        this.incidents = incidents;
        this.probes = probes;
        this.watches = watches;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Stores the incident as it is now, with the event that reports the change. */
    public Uni<Void> saveIncident(Incident incident, OutboxEvent event) {
        StoredIncident row = new StoredIncident();
        row.dedupKey = incident.dedupKey();
        row.incidentId = incident.id();
        row.component = incident.component();
        row.kind = incident.kind();
        row.severity = incident.severity().wireName();
        row.body = write(incident);
        row.updatedAt = clock.instant();
        return serialized(() -> Panache.getSession().chain(s -> s.merge(row)).replaceWithVoid(), event);
    }

    /** Forgets a resolved incident, with its {@code incident.resolved}. */
    public Uni<Void> deleteIncident(String dedupKey, OutboxEvent event) {
        return serialized(() -> incidents.deleteById(dedupKey).replaceWithVoid(), event);
    }

    public Uni<List<Incident>> loadIncidents() {
        return db.transaction(() -> incidents.listAll())
                .map(rows -> rows.stream().map(r -> read(r.body, Incident.class)).toList());
    }

    public Uni<Void> saveProbeState(String probe, String component, ComponentState.Snapshot snapshot,
            Long baseline, OutboxEvent... events) {
        StoredProbeState row = new StoredProbeState();
        row.probe = probe;
        row.component = component;
        row.degraded = snapshot.degradedSince() != null;
        row.degradedSince = snapshot.degradedSince();
        row.flapping = snapshot.flapping();
        row.baseline = baseline;
        row.body = write(snapshot);
        row.updatedAt = clock.instant();
        return serialized(() -> Panache.getSession().chain(s -> s.merge(row)).replaceWithVoid(), events);
    }

    public Uni<List<StoredProbeState>> loadProbeStates() {
        return db.transaction(() -> probes.listAll());
    }

    public ComponentState.Snapshot snapshotOf(StoredProbeState row) {
        return read(row.body, ComponentState.Snapshot.class);
    }

    public <T> Uni<Void> saveWatch(String name, T value, OutboxEvent... events) {
        StoredWatch row = new StoredWatch();
        row.name = name;
        row.body = write(value);
        row.updatedAt = clock.instant();
        return serialized(() -> Panache.getSession().chain(s -> s.merge(row)).replaceWithVoid(), events);
    }

    public Uni<List<StoredWatch>> loadWatches() {
        return db.transaction(() -> watches.listAll());
    }

    /**
     * Completes once every write asked so far is committed: a consumer waits for it before its offset
     * is committed, so that an event it acted on is never acknowledged before what it learned is stored.
     */
    public Uni<Void> flushed() {
        CompletableFuture<Void> last;
        synchronized (this) {
            last = tail;
        }
        return Uni.createFrom().completionStage(last);
    }

    /** Writes still waiting for the database (while it is away), for the readiness check. */
    public int queuedWrites() {
        return queued.get();
    }

    /** Since when the database refuses the monitor's writes; null while they go through. */
    public Instant failingSince() {
        return failingSince;
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

    /**
     * Queues {@code work} and its events as one transaction behind every write asked before it, and
     * returns at once. A failure (the database away) is retried until the write goes through.
     */
    private Uni<Void> serialized(Supplier<Uni<Void>> work, OutboxEvent... events) {
        CompletableFuture<Void> previous;
        CompletableFuture<Void> next = new CompletableFuture<>();
        synchronized (this) {
            previous = tail;
            tail = next;
        }
        queued.incrementAndGet();
        Supplier<Uni<Void>> withEvents = () -> work.get().chain(() -> append(events));
        Uni.createFrom().completionStage(previous)
                .chain(() -> db.transaction(withEvents)
                        .onFailure().invoke(this::writeFailed)
                        .onFailure().retry().withBackOff(FIRST_RETRY, LAST_RETRY).indefinitely())
                .subscribe().with(done -> written(next), failure -> {
                    LOG.errorf(failure, "a state change could not be stored");
                    written(next);
                });
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> append(OutboxEvent... events) {
        if (events.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> Multi.createFrom().items(events)
                .onItem().transformToUniAndConcatenate(e -> outbox.append(session, e))
                .collect().last().replaceWithVoid());
    }

    private void writeFailed(Throwable failure) {
        if (failingSince == null) {
            failingSince = clock.instant();
            LOG.warnf("Lifeline's database refuses the monitor's writes (%s); %d queued, retrying until it is back",
                    failure.getClass().getSimpleName(), queued.get());
        }
    }

    private void written(CompletableFuture<Void> next) {
        queued.decrementAndGet();
        if (failingSince != null) {
            LOG.infof("Lifeline's database takes the monitor's writes again (refused since %s)", failingSince);
            failingSince = null;
        }
        next.complete(null);
    }
}
