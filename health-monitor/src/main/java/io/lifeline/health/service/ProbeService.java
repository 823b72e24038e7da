package io.lifeline.health.service;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.HealthRecovered;
import io.lifeline.events.health.ProbeResult;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.IncidentTracker;
import io.lifeline.events.incident.Signal;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.messaging.HealthEventPublisher;
import io.lifeline.health.probe.HttpProber;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs the configured probes, keeps each component's flap-free state, and turns its transitions into
 * events: degraded → {@code health.degraded} + an incident opened; recovered → {@code health.recovered}
 * + the incident resolved. Raising the incident here, where the failure is seen, is the architecture's rule.
 */
@ApplicationScoped
public class ProbeService {

    /** The failure kind of an unreachable or failing component; with the component it forms the dedup key. */
    public static final String KIND_DOWN = "down";

    private static final Logger LOG = Logger.getLogger(ProbeService.class);

    private final HealthMonitorConfig config;
    private final HttpProber prober;
    private final HealthEventPublisher publisher;
    private final IncidentTracker incidents;
    private final Clock clock;
    private final Map<String, ComponentState> states = new ConcurrentHashMap<>();

    public ProbeService(HealthMonitorConfig config, HttpProber prober, HealthEventPublisher publisher,
            IncidentTracker incidents, Clock clock) {
        this.config = config;
        this.prober = prober;
        this.publisher = publisher;
        this.incidents = incidents;
        this.clock = clock;
    }

    @Scheduled(every = "${lifeline.health.interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "probe-all")
    Uni<Void> probeAll() {
        return Multi.createFrom().iterable(config.probes().keySet())
                .onItem().transformToUniAndMerge(name -> run(name).replaceWithVoid()
                        .onFailure().invoke(e -> LOG.errorf(e, "probe %s could not report its result", name))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    /** Runs one probe now and reports what changed; an empty result means no such probe. */
    public Optional<Uni<ProbeResult>> runNow(String name) {
        return config.probes().containsKey(name) ? Optional.of(run(name)) : Optional.empty();
    }

    public Map<String, ProbeStatus> statuses() {
        Map<String, ProbeStatus> all = new LinkedHashMap<>();
        config.probes().forEach((name, probe) -> {
            ComponentState state = states.get(name);
            all.put(name, new ProbeStatus(name, probe.component(), probe.url().toString(),
                    state != null && state.degraded(), state == null ? null : state.degradedSince(),
                    state == null ? 0 : state.consecutiveFailures(), state == null ? null : state.last()));
        });
        return all;
    }

    private Uni<ProbeResult> run(String name) {
        HealthMonitorConfig.HttpProbe probe = config.probes().get(name);
        ComponentState state = states.computeIfAbsent(name,
                n -> new ComponentState(probe.failureThreshold(), probe.recoveryThreshold()));
        return prober.probe(name, probe)
                .call(result -> switch (state.record(result)) {
                    case DEGRADED -> onDegraded(name, probe, state);
                    case RECOVERED -> onRecovered(name, probe, state);
                    case NONE -> Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> onDegraded(String name, HealthMonitorConfig.HttpProbe probe, ComponentState state) {
        List<ProbeResult> evidence = state.recentResults();
        ProbeResult last = state.last();
        LOG.warnf("component %s degraded: probe %s failed %d times in a row (%s)", probe.component(), name,
                state.consecutiveFailures(), last.error());
        HealthDegraded degraded = new HealthDegraded(probe.component(), name, state.degradedSince(),
                state.consecutiveFailures(), evidence);
        Signal signal = new Signal("health.degraded", "health-monitor/" + name, last.at(), Map.of(
                "probe", name,
                "url", probe.url().toString(),
                "consecutiveFailures", state.consecutiveFailures(),
                "lastError", String.valueOf(last.error()),
                "lastStatus", String.valueOf(last.status())));
        FailureReport report = new FailureReport(probe.component(), KIND_DOWN, probe.severity(),
                probe.component() + " is down: " + last.error(), signal, probe.runbookUrl().orElse(null));
        return publisher.degraded(degraded)
                .chain(() -> publisher.incidentChanged(incidents.failure(report)));
    }

    private Uni<Void> onRecovered(String name, HealthMonitorConfig.HttpProbe probe, ComponentState state) {
        LOG.infof("component %s recovered (probe %s)", probe.component(), name);
        List<ProbeResult> evidence = state.recentResults();
        HealthRecovered recovered = new HealthRecovered(probe.component(), name, clock.instant(),
                state.lastOutageStart(), evidence);
        return publisher.recovered(recovered)
                .chain(() -> incidents.recovered(probe.component(), KIND_DOWN, "probe " + name + " passing again")
                        .map(publisher::incidentResolved)
                        .orElse(Uni.createFrom().voidItem()));
    }
}
