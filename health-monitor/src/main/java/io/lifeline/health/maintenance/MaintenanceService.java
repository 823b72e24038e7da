package io.lifeline.health.maintenance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.lifeline.events.health.MaintenanceEnded;
import io.lifeline.events.health.MaintenanceStarted;
import io.lifeline.health.StoredWatch;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.events.EventTypes;
import io.lifeline.health.messaging.HealthEvents;
import io.lifeline.outbox.OutboxEvent;
import io.lifeline.health.repository.StateStore;
import io.lifeline.health.service.Readiness;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Maintenance windows, from configuration (one-off or recurring by cron, time-zoned, expiring) and
 * from REST (one-off, cancellable). While a window covers a component, its failures open no incident;
 * a window opening and closing are events ({@code maintenance.started}, {@code maintenance.ended}),
 * each sent once even across restarts (the announced windows are stored).
 */
@ApplicationScoped
public class MaintenanceService {

    public static final String ALL = "*";
    static final String WINDOW_PREFIX = "maintenance:";
    static final String ANNOUNCED = "maintenance-announced";
    private static final DateTimeFormatter OCCURRENCE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneId.of("UTC"));
    private static final Logger LOG = Logger.getLogger(MaintenanceService.class);

    private final HealthMonitorConfig config;
    private final HealthEvents events;
    private final StateStore store;
    private final Clock clock;
    private final Readiness readiness;
    private final CronParser cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private final Map<String, Window> declared = new ConcurrentHashMap<>();
    private final Map<String, Window> announced = new ConcurrentHashMap<>();

    public MaintenanceService(HealthMonitorConfig config, HealthEvents events, StateStore store,
            Clock clock, Readiness readiness) {
        this.config = config;
        this.events = events;
        this.store = store;
        this.clock = clock;
        this.readiness = readiness;
        config.maintenance().forEach((name, window) -> window.cron().ifPresent(cron::parse)); // fail fast
    }

    /** One occurrence of a window. */
    public record Window(String id, List<String> components, Instant startsAt, Instant endsAt, String reason,
            String declaredBy) {

        public boolean covers(String component, Instant at) {
            return !at.isBefore(startsAt) && at.isBefore(endsAt)
                    && components.stream().anyMatch(c -> c.equals(ALL) || c.equalsIgnoreCase(component));
        }
    }

    public record Announced(List<Window> windows) {
    }

    public Uni<Void> reload() {
        return store.loadWatches().invoke(rows -> {
            declared.clear();
            announced.clear();
            for (StoredWatch row : rows) {
                if (row.name.startsWith(WINDOW_PREFIX)) {
                    Window w = store.read(row.body, Window.class);
                    declared.put(w.id(), w);
                } else if (row.name.equals(ANNOUNCED)) {
                    store.read(row.body, Announced.class).windows().forEach(w -> announced.put(w.id(), w));
                }
            }
        }).replaceWithVoid();
    }

    /** Whether failures of this component are expected right now. */
    public boolean inMaintenance(String component) {
        Instant now = clock.instant();
        return active(now).stream().anyMatch(w -> w.covers(component, now));
    }

    /** The windows open now and those declared for later, soonest first. */
    public List<Window> windows() {
        Instant now = clock.instant();
        Map<String, Window> all = new LinkedHashMap<>();
        active(now).forEach(w -> all.put(w.id(), w));
        declared.values().stream().filter(w -> w.endsAt().isAfter(now)).forEach(w -> all.putIfAbsent(w.id(), w));
        return all.values().stream().sorted(Comparator.comparing(Window::startsAt)).toList();
    }

    public Uni<Window> declare(List<String> components, Instant startsAt, Instant endsAt, String reason,
            String declaredBy) {
        Window window = new Window("mw-" + UUID.randomUUID().toString().substring(0, 8), List.copyOf(components),
                startsAt, endsAt, reason, declaredBy);
        declared.put(window.id(), window);
        LOG.infof("maintenance window %s declared by %s for %s, %s to %s", window.id(), declaredBy, components,
                startsAt, endsAt);
        return store.saveWatch(WINDOW_PREFIX + window.id(), window).chain(this::tick).replaceWith(window);
    }

    /** Ends a declared window now; empty when there is no such window. */
    public Optional<Uni<Window>> cancel(String id) {
        Window window = declared.get(id);
        if (window == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Window ended = new Window(id, window.components(), window.startsAt().isAfter(now) ? now : window.startsAt(),
                now, window.reason(), window.declaredBy());
        declared.put(id, ended);
        return Optional.of(store.saveWatch(WINDOW_PREFIX + id, ended).chain(this::tick).replaceWith(ended));
    }

    @Scheduled(every = "${lifeline.health.interval:30s}", identity = "maintenance",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledTick() {
        if (!readiness.started()) {
            return Uni.createFrom().voidItem();
        }
        return tick().onFailure().invoke(e -> LOG.error("maintenance windows not evaluated", e))
                .onFailure().recoverWithNull();
    }

    /** Announces windows that opened and closed since the last look. */
    synchronized Uni<Void> tick() {
        Instant now = clock.instant();
        Map<String, Window> open = new LinkedHashMap<>();
        active(now).forEach(w -> open.put(w.id(), w));
        List<OutboxEvent> reported = new ArrayList<>();
        Set<String> changed = new LinkedHashSet<>();
        open.values().stream().filter(w -> !announced.containsKey(w.id())).forEach(w -> {
            announced.put(w.id(), w);
            changed.add(w.id());
            LOG.infof("maintenance window %s open for %s until %s", w.id(), w.components(), w.endsAt());
            reported.add(events.of(EventTypes.MAINTENANCE_STARTED, new MaintenanceStarted(w.id(), w.components(),
                    w.startsAt(), w.endsAt(), w.reason(), w.declaredBy())));
        });
        List.copyOf(announced.values()).stream().filter(w -> !open.containsKey(w.id())).forEach(w -> {
            announced.remove(w.id());
            changed.add(w.id());
            Window current = declared.getOrDefault(w.id(), w);
            String how = current.endsAt().isBefore(w.endsAt()) ? MaintenanceEnded.CANCELLED : MaintenanceEnded.EXPIRED;
            LOG.infof("maintenance window %s closed (%s)", w.id(), how);
            reported.add(events.of(EventTypes.MAINTENANCE_ENDED, new MaintenanceEnded(w.id(), w.components(), now, how)));
        });
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Announced snapshot = new Announced(List.copyOf(announced.values()));
        return store.saveWatch(ANNOUNCED, snapshot, reported.toArray(OutboxEvent[]::new));
    }

    private List<Window> active(Instant now) {
        List<Window> open = new ArrayList<>();
        config.maintenance().forEach((name, w) -> occurrence(cron, name, w, now).ifPresent(open::add));
        declared.values().stream().filter(w -> !now.isBefore(w.startsAt()) && now.isBefore(w.endsAt()))
                .forEach(open::add);
        return open;
    }

    /** The occurrence of a configured window that covers {@code now}, if any. */
    static Optional<Window> occurrence(CronParser cron, String name, HealthMonitorConfig.MaintenanceWindow w,
            Instant now) {
        Instant start;
        if (w.cron().isPresent()) {
            ZonedDateTime at = now.atZone(ZoneId.of(w.timeZone()));
            Optional<ZonedDateTime> last = ExecutionTime.forCron(cron.parse(w.cron().get())).lastExecution(at);
            // lastExecution is strictly before "at": a start exactly now counts too.
            Optional<ZonedDateTime> exact = ExecutionTime.forCron(cron.parse(w.cron().get())).isMatch(at)
                    ? Optional.of(at.withNano(0)) : Optional.empty();
            start = exact.or(() -> last).map(ZonedDateTime::toInstant).orElse(null);
        } else {
            start = w.start().map(Instant::parse).orElse(null);
        }
        if (start == null || w.until().map(Instant::parse).filter(u -> !start.isBefore(u)).isPresent()) {
            return Optional.empty();
        }
        Instant end = start.plus(w.duration());
        if (now.isBefore(start) || !now.isBefore(end)) {
            return Optional.empty();
        }
        String id = name + "-" + OCCURRENCE.format(start);
        return Optional.of(new Window(id, List.copyOf(w.components()), start, end, w.reason(), "config"));
    }
}
