package io.lifeline.health.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.HealthRecovered;
import io.lifeline.events.health.ProbeResult;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Incident;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.health.StoredProbeState;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.lifeline.events.EventTypes;
import io.lifeline.health.messaging.HealthEvents;
import io.lifeline.health.probe.Finding;
import io.lifeline.health.probe.PostgresProber;
import io.lifeline.health.probe.ProbeOutcome;
import io.lifeline.health.probe.Prober;
import io.lifeline.health.repository.StateStore;
import io.lifeline.outbox.OutboxEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs the configured probes, keeps each one's flap-free state, and turns what changes into events:
 * degraded → {@code health.degraded} + an incident opened (or, when a component it depends on is
 * already down, a signal on that incident); recovered → {@code health.recovered} + the incident
 * resolved; too many flips in the window → one {@code flapping} incident instead of a page per flip;
 * findings (corruption, slow answers, lag) → incidents of their own kind. Raising the incident here,
 * where the failure is seen, is the architecture's rule.
 */
@ApplicationScoped
public class ProbeService {

    /** The failure kind of an unreachable or failing component; with the component it forms the dedup key. */
    public static final String KIND_DOWN = "down";
    /** A component changing state too often: one incident for the whole episode. */
    public static final String KIND_FLAPPING = "flapping";

    private static final List<String> FINDING_KINDS = List.of(Finding.DATABASE_CORRUPTION, Finding.DEGRADED);
    private static final Logger LOG = Logger.getLogger(ProbeService.class);

    private final HealthMonitorConfig config;
    private final Map<ProbeType, Prober> probers = new EnumMap<>(ProbeType.class);
    private final PostgresProber postgres;
    private final HealthEvents events;
    private final IncidentService incidents;
    private final StateStore store;
    private final Clock clock;
    private final Readiness readiness;
    private final Map<String, ComponentState> states = new ConcurrentHashMap<>();
    private final Map<String, int[]> findingStreaks = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> measurements = new ConcurrentHashMap<>();
    private final Map<String, Long> storedBaselines = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRun = new ConcurrentHashMap<>();
    private final List<List<String>> levels;
    private volatile boolean loaded;

    public ProbeService(HealthMonitorConfig config, Instance<Prober> allProbers, PostgresProber postgres,
            HealthEvents events, IncidentService incidents, StateStore store, Clock clock,
            Readiness readiness) {
        this.config = config;
        allProbers.forEach(p -> probers.put(p.type(), p));
        this.postgres = postgres;
        this.events = events;
        this.incidents = incidents;
        this.store = store;
        this.clock = clock;
        this.readiness = readiness;
        this.levels = dependencyLevels();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Forgets what is in memory and reloads probe states and open incidents from the store. */
    public Uni<Void> reload() {
        loaded = false;
        return incidents.reload().chain(store::loadProbeStates).invoke(rows -> {
            states.clear();
            findingStreaks.clear();
            for (StoredProbeState row : rows) {
                HealthMonitorConfig.Probe probe = config.probes().get(row.probe);
                if (probe == null) {
                    continue; // a probe removed from the configuration
                }
                states.put(row.probe, ComponentState.restore(probe.failureThreshold(), probe.recoveryThreshold(),
                        store.snapshotOf(row)));
                postgres.restoreBaseline(row.probe, row.baseline);
                if (row.baseline != null) {
                    storedBaselines.put(row.probe, row.baseline);
                }
            }
            loaded = true;
            LOG.infof("%d probe state(s) restored", rows.size());
        }).replaceWithVoid();
    }

    public boolean loaded() {
        return loaded;
    }

    /** One round of every due probe; {@link ProbeTimer} calls it every {@code lifeline.health.interval}. */
    Uni<Void> probeAll() {
        if (!loaded || !readiness.started()) {
            return Uni.createFrom().voidItem();
        }
        // Dependencies first: a database found down in this round is known before the API that needs it.
        return Multi.createFrom().iterable(levels)
                .onItem().transformToUniAndConcatenate(level -> Multi.createFrom().iterable(due(level))
                        .onItem().transformToUniAndMerge(name -> run(name).replaceWithVoid()
                                .onFailure().invoke(e -> LOG.errorf(e, "probe %s could not report its result", name))
                                .onFailure().recoverWithNull())
                        .collect().last())
                .collect().last().replaceWithVoid();
    }

    /** The probes of a round whose own {@code every} (if any) has elapsed since they last ran. */
    private List<String> due(List<String> level) {
        Instant now = clock.instant();
        List<String> due = new ArrayList<>();
        for (String name : level) {
            Optional<java.time.Duration> every = config.probes().get(name).every();
            Instant last = lastRun.get(name);
            if (every.isEmpty() || last == null || !now.isBefore(last.plus(every.get()))) {
                lastRun.put(name, now);
                due.add(name);
            }
        }
        return due;
    }

    /** Runs one probe now and reports what changed; an empty result means no such probe. */
    public Optional<Uni<ProbeResult>> runNow(String name) {
        return config.probes().containsKey(name) ? Optional.of(run(name).map(ProbeOutcome::result))
                : Optional.empty();
    }

    // ------------------------------------------------------------------ views

    public Map<String, ProbeStatus> statuses() {
        Map<String, ProbeStatus> all = new LinkedHashMap<>();
        new TreeMap<>(config.probes()).forEach((name, probe) -> {
            ComponentState state = states.get(name);
            all.put(name, new ProbeStatus(name, probe.type().name().toLowerCase(), probe.component(), target(probe),
                    state != null && state.degraded(), state == null ? null : state.degradedSince(),
                    state != null && state.flapping(), state == null ? 0 : state.consecutiveFailures(),
                    state == null ? null : state.last(), measurements.getOrDefault(name, Map.of())));
        });
        return all;
    }

    public List<ComponentStatus> components() {
        Map<String, List<ProbeStatus>> byComponent = new TreeMap<>();
        statuses().values().forEach(s -> byComponent.computeIfAbsent(s.component(), c -> new ArrayList<>()).add(s));
        List<ComponentStatus> all = new ArrayList<>();
        byComponent.forEach((component, probes) -> {
            String state;
            Instant since;
            if (probes.stream().anyMatch(ProbeStatus::flapping)) {
                state = ComponentStatus.FLAPPING;
                since = probes.stream().map(p -> states.get(p.name())).filter(Objects::nonNull)
                        .map(ComponentState::lastFlip).filter(Objects::nonNull).min(Comparator.naturalOrder())
                        .orElse(null);
            } else if (probes.stream().anyMatch(ProbeStatus::degraded)) {
                state = ComponentStatus.DEGRADED;
                since = probes.stream().map(ProbeStatus::degradedSince).filter(Objects::nonNull)
                        .min(Comparator.naturalOrder()).orElse(null);
            } else if (probes.stream().allMatch(p -> p.lastResult() != null)) {
                state = ComponentStatus.UP;
                since = probes.stream().map(p -> states.get(p.name()).upSince()).filter(Objects::nonNull)
                        .max(Comparator.naturalOrder()).orElse(null);
            } else {
                state = ComponentStatus.UNKNOWN;
                since = null;
            }
            List<ComponentStatus.OpenIncident> open = incidents.open().stream()
                    .filter(i -> i.component().equalsIgnoreCase(component))
                    .map(i -> new ComponentStatus.OpenIncident(i.id(), i.kind(), i.severity().wireName(),
                            i.openedAt(), i.summary()))
                    .toList();
            all.add(new ComponentStatus(component, state, since, List.copyOf(dependencies(component)), open,
                    probes));
        });
        return all;
    }

    /** Since when the component's probes have failed (the earliest of a degraded probe); empty while it is up. */
    public Optional<Instant> downSince(String component) {
        return config.probes().entrySet().stream()
                .filter(e -> e.getValue().component().equalsIgnoreCase(component))
                .map(e -> states.get(e.getKey())).filter(Objects::nonNull)
                .map(ComponentState::degradedSince).filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }

    public int componentCount() {
        return (int) config.probes().values().stream().map(HealthMonitorConfig.Probe::component).distinct().count();
    }

    public int degradedComponentCount() {
        return (int) config.probes().values().stream().map(HealthMonitorConfig.Probe::component).distinct()
                .filter(this::componentDegraded).count();
    }

    // ------------------------------------------------------------------ one probe run

    private Uni<ProbeOutcome> run(String name) {
        HealthMonitorConfig.Probe probe = config.probes().get(name);
        Prober prober = probers.get(probe.type());
        if (prober == null) {
            return Uni.createFrom().failure(new IllegalStateException("no prober for type " + probe.type()));
        }
        // Deferred: a misconfigured probe (a missing url, say) fails alone, not the whole round.
        return Uni.createFrom().deferred(() -> prober.probe(name, probe))
                .call(outcome -> handle(name, probe, outcome));
    }

    private Uni<Void> handle(String name, HealthMonitorConfig.Probe probe, ProbeOutcome outcome) {
        ComponentState state = state(name, probe);
        ProbeResult result = outcome.result();
        measurements.put(name, outcome.measurements());
        List<Finding> findings = new ArrayList<>(outcome.findings());
        if (probe.maxLatency().isPresent() && result.ok()
                && result.latencyMillis() > probe.maxLatency().get().toMillis()) {
            findings.add(new Finding(Finding.DEGRADED, String.format("%s answers in %d ms, above %d ms",
                    probe.component(), result.latencyMillis(), probe.maxLatency().get().toMillis()),
                    Map.of("latencyMillis", result.latencyMillis(),
                            "maxLatencyMillis", probe.maxLatency().get().toMillis())));
        }
        ComponentState.Transition transition;
        if (outcome.hasCorruption()) {
            // Corrupted data is not an outage: it has its own incident and does not count towards "down".
            state.show(result);
            transition = ComponentState.Transition.NONE;
        } else {
            transition = state.record(result);
        }
        Uni<Void> work = findings(name, probe, result, findings);
        return switch (transition) {
            case DEGRADED -> work.chain(() -> onDegraded(name, probe, state));
            case RECOVERED -> work.chain(() -> onRecovered(name, probe, state));
            case NONE -> work.chain(() -> whileSteady(name, probe, state));
        };
    }

    private Uni<Void> findings(String name, HealthMonitorConfig.Probe probe, ProbeResult result,
            List<Finding> findings) {
        Uni<Void> work = Uni.createFrom().voidItem();
        for (String kind : FINDING_KINDS) {
            int[] streak = findingStreaks.computeIfAbsent(name + "|" + kind, k -> new int[2]); // [present, clean]
            Optional<Finding> found = findings.stream().filter(f -> f.kind().equals(kind)).findFirst();
            if (found.isPresent()) {
                streak[0]++;
                streak[1] = 0;
                int threshold = kind.equals(Finding.DATABASE_CORRUPTION) ? 1 : probe.failureThreshold();
                if (streak[0] >= threshold) {
                    Finding finding = found.get();
                    LOG.warnf("probe %s found %s on %s: %s", name, kind, probe.component(), finding.summary());
                    Map<String, Object> detail = new LinkedHashMap<>(finding.detail());
                    detail.put("probe", name);
                    detail.put("target", target(probe));
                    FailureReport report = new FailureReport(probe.component(), kind, severityFor(probe, kind),
                            probe.component() + ": " + finding.summary(),
                            new Signal("probe." + kind, "health-monitor/" + name, result.at(), detail),
                            probe.runbookUrl().orElse(null));
                    work = work.chain(() -> incidents.raiseOnce(report));
                }
            } else {
                streak[0] = 0;
                if (result.ok()) {
                    streak[1]++;
                }
                boolean othersStillFinding = config.probes().entrySet().stream()
                        .filter(e -> !e.getKey().equals(name) && e.getValue().component().equals(probe.component()))
                        .anyMatch(e -> findingStreaks.getOrDefault(e.getKey() + "|" + kind, new int[2])[0] > 0);
                if (streak[1] >= probe.recoveryThreshold() && !othersStillFinding
                        && incidents.find(probe.component(), kind).isPresent()) {
                    work = work.chain(() -> incidents.clear(probe.component(), kind,
                            "probe " + name + " no longer finds " + kind));
                }
            }
        }
        Long baseline = postgres.baseline(name);
        if (baseline != null && !baseline.equals(storedBaselines.get(name))) {
            storedBaselines.put(name, baseline);
            work = work.chain(() -> persist(name, probe));
        }
        return work;
    }

    private Uni<Void> onDegraded(String name, HealthMonitorConfig.Probe probe, ComponentState state) {
        ProbeResult last = state.last();
        String component = probe.component();
        LOG.warnf("component %s degraded: probe %s failed %d times in a row (%s)", component, name,
                state.consecutiveFailures(), last.error());
        HealthDegraded degraded = new HealthDegraded(component, name, state.degradedSince(),
                state.consecutiveFailures(), state.recentResults());
        Uni<Void> work = persist(name, probe, events.of(EventTypes.HEALTH_DEGRADED, degraded));
        if (state.flapping()) {
            return work; // the flapping incident covers it
        }
        if (flipsExceeded(probe, state)) {
            return work.chain(() -> startFlapping(name, probe, state));
        }
        String root = degradedRoot(component, new LinkedHashSet<>());
        Optional<Incident> rootIncident = root == null ? Optional.empty() : incidents.find(root, KIND_DOWN);
        if (rootIncident.isPresent()) {
            Incident cause = rootIncident.get();
            LOG.infof("%s fails while %s is down: part of incident %s, not a new page", component, root, cause.id());
            Map<String, Object> detail = evidence(name, probe, state);
            detail.put("component", component);
            detail.put("inhibitedBy", root);
            FailureReport report = new FailureReport(root, KIND_DOWN, cause.severity(),
                    cause.summary(), new Signal("health.degraded", "health-monitor/" + name, last.at(), detail),
                    null);
            return work.chain(() -> incidents.raise(report));
        }
        return work.chain(() -> incidents.raise(downReport(name, probe, state)));
    }

    private Uni<Void> onRecovered(String name, HealthMonitorConfig.Probe probe, ComponentState state) {
        String component = probe.component();
        LOG.infof("component %s recovered (probe %s)", component, name);
        HealthRecovered recovered = new HealthRecovered(component, name, clock.instant(), state.lastOutageStart(),
                state.recentResults());
        Uni<Void> work = persist(name, probe, events.of(EventTypes.HEALTH_RECOVERED, recovered));
        if (state.flapping()) {
            return work;
        }
        if (flipsExceeded(probe, state)) {
            return work.chain(() -> startFlapping(name, probe, state));
        }
        if (componentDegraded(component)) {
            return work; // another probe of the component still fails
        }
        return work.chain(() -> incidents.clear(component, KIND_DOWN, "probe " + name + " passing again"));
    }

    /**
     * Each run without a transition: pages a component that now fails on its own, and ends a flapping
     * episode once the component kept one state for a whole window.
     */
    private Uni<Void> whileSteady(String name, HealthMonitorConfig.Probe probe, ComponentState state) {
        if (failingOnItsOwn(name, probe, state)) {
            LOG.warnf("%s still fails after what it depends on recovered: its own incident now", probe.component());
            return incidents.raise(downReport(name, probe, state));
        }
        if (!state.flapping() || state.flipsWithin(window(probe), clock.instant()) > 0) {
            return Uni.createFrom().voidItem();
        }
        state.flapping(false);
        String component = probe.component();
        LOG.infof("component %s stopped flapping; it is %s", component, state.degraded() ? "degraded" : "up");
        Uni<Void> work = persist(name, probe).chain(() -> incidents.clear(component, KIND_FLAPPING,
                "stable for " + window(probe).toSeconds() + " s, now "
                        + (state.degraded() ? "degraded" : "up")));
        if (state.degraded() && degradedRoot(component, new LinkedHashSet<>()) == null) {
            work = work.chain(() -> incidents.raise(downReport(name, probe, state)));
        }
        return work;
    }

    private Uni<Void> startFlapping(String name, HealthMonitorConfig.Probe probe, ComponentState state) {
        state.flapping(true);
        String component = probe.component();
        int flips = state.flipsWithin(window(probe), clock.instant());
        LOG.warnf("component %s is flapping: %d state changes within %s", component, flips, window(probe));
        Map<String, Object> detail = evidence(name, probe, state);
        detail.put("flips", flips);
        detail.put("windowSeconds", window(probe).toSeconds());
        FailureReport report = new FailureReport(component, KIND_FLAPPING, config.flapping().severity(),
                String.format("%s is flapping: %d state changes within %d s", component, flips,
                        window(probe).toSeconds()),
                new Signal("health.flapping", "health-monitor/" + name, clock.instant(), detail),
                probe.runbookUrl().orElse(null));
        return persist(name, probe).chain(() -> incidents.raise(report))
                .chain(() -> incidents.clear(component, KIND_DOWN, "superseded by the flapping incident"));
    }

    /**
     * A component whose failure was part of a dependency's incident, still failing after that
     * dependency recovered: once it failed its own threshold since, it gets its own incident.
     */
    private boolean failingOnItsOwn(String name, HealthMonitorConfig.Probe probe, ComponentState state) {
        if (!state.degraded() || state.flapping() || incidents.find(probe.component(), KIND_DOWN).isPresent()
                || degradedRoot(probe.component(), new LinkedHashSet<>()) != null) {
            return false;
        }
        Instant released = config.probes().entrySet().stream()
                .filter(e -> dependencies(probe.component()).stream()
                        .anyMatch(d -> d.equalsIgnoreCase(e.getValue().component())))
                .map(e -> states.get(e.getKey())).filter(Objects::nonNull)
                .map(ComponentState::upSince).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(Instant.MIN);
        List<ProbeResult> since = state.recentResults().stream().filter(r -> r.at().isAfter(released)).toList();
        return since.size() >= probe.failureThreshold() && since.stream().noneMatch(ProbeResult::ok);
    }

    // ------------------------------------------------------------------ helpers

    private FailureReport downReport(String name, HealthMonitorConfig.Probe probe, ComponentState state) {
        ProbeResult last = state.last();
        Signal signal = new Signal("health.degraded", "health-monitor/" + name, last.at(), evidence(name, probe, state));
        return new FailureReport(probe.component(), KIND_DOWN, probe.severity(),
                probe.component() + " is down: " + last.error(), signal, probe.runbookUrl().orElse(null));
    }

    private Map<String, Object> evidence(String name, HealthMonitorConfig.Probe probe, ComponentState state) {
        ProbeResult last = state.last();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("probe", name);
        detail.put("type", probe.type().name().toLowerCase());
        detail.put("target", target(probe));
        if (probe.url().isPresent()) {
            detail.put("url", target(probe)); // kept for consumers that read "url"
        }
        detail.put("consecutiveFailures", state.consecutiveFailures());
        detail.put("lastError", String.valueOf(last.error()));
        detail.put("lastStatus", String.valueOf(last.status()));
        detail.put("latencyMillis", last.latencyMillis());
        return detail;
    }

    private boolean flipsExceeded(HealthMonitorConfig.Probe probe, ComponentState state) {
        return state.flipsWithin(window(probe), clock.instant())
                > probe.maxFlips().orElse(config.flapping().maxFlips());
    }

    private java.time.Duration window(HealthMonitorConfig.Probe probe) {
        return probe.flapWindow().orElse(config.flapping().window());
    }

    private Severity severityFor(HealthMonitorConfig.Probe probe, String kind) {
        return switch (kind) {
            case Finding.DATABASE_CORRUPTION -> probe.corruptionSeverity();
            case KIND_FLAPPING -> config.flapping().severity();
            case KIND_DOWN -> probe.severity();
            default -> probe.degradedSeverity();
        };
    }

    private ComponentState state(String name, HealthMonitorConfig.Probe probe) {
        return states.computeIfAbsent(name,
                n -> new ComponentState(probe.failureThreshold(), probe.recoveryThreshold()));
    }

    private Uni<Void> persist(String name, HealthMonitorConfig.Probe probe, OutboxEvent... reported) {
        ComponentState state = states.get(name);
        return store.saveProbeState(name, probe.component(), state.snapshot(), postgres.baseline(name), reported);
    }

    private boolean componentDegraded(String component) {
        return config.probes().entrySet().stream()
                .filter(e -> e.getValue().component().equalsIgnoreCase(component))
                .map(e -> states.get(e.getKey()))
                .anyMatch(s -> s != null && s.degraded());
    }

    private Set<String> dependencies(String component) {
        Set<String> deps = new LinkedHashSet<>();
        config.probes().values().stream().filter(p -> p.component().equalsIgnoreCase(component))
                .forEach(p -> p.dependsOn().ifPresent(deps::addAll));
        return deps;
    }

    /** The degraded component, deepest first, that this one depends on; null when all it needs is up. */
    private String degradedRoot(String component, Set<String> visited) {
        if (!visited.add(component)) {
            return null; // a cycle in the configuration
        }
        for (String dependency : dependencies(component)) {
            if (componentDegraded(dependency)) {
                String deeper = degradedRoot(dependency, visited);
                return deeper != null ? deeper : dependency;
            }
        }
        return null;
    }

    /** Probe names grouped so that every component's dependencies are probed in an earlier group. */
    private List<List<String>> dependencyLevels() {
        Map<String, Integer> depth = new HashMap<>();
        for (String component : config.probes().values().stream().map(HealthMonitorConfig.Probe::component)
                .toList()) {
            depthOf(component, depth, new LinkedHashSet<>());
        }
        Map<Integer, List<String>> byLevel = new TreeMap<>();
        new TreeMap<>(config.probes()).forEach((name, probe) ->
                byLevel.computeIfAbsent(depth.getOrDefault(probe.component(), 0), l -> new ArrayList<>()).add(name));
        return List.copyOf(byLevel.values());
    }

    private int depthOf(String component, Map<String, Integer> depth, Set<String> visiting) {
        Integer known = depth.get(component);
        if (known != null) {
            return known;
        }
        if (!visiting.add(component)) {
            return 0;
        }
        int level = 0;
        for (String dependency : dependencies(component)) {
            level = Math.max(level, depthOf(dependency, depth, visiting) + 1);
        }
        depth.put(component, level);
        return level;
    }

    /** Where the probe points, without credentials. */
    static String target(HealthMonitorConfig.Probe probe) {
        if (probe.url().isPresent()) {
            URI url = probe.url().get();
            if (url.getUserInfo() != null && url.getUserInfo().contains(":")) {
                String user = url.getUserInfo().substring(0, url.getUserInfo().indexOf(':'));
                return url.toString().replace(url.getRawUserInfo(), user + ":***");
            }
            return url.toString();
        }
        if (probe.path().isPresent()) {
            return probe.path().get();
        }
        return probe.bootstrapServers().map(s -> "kafka://" + s).orElse(probe.type().name().toLowerCase());
    }
}
