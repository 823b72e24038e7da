package io.lifeline.health.self;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.lifeline.events.health.HealthHeartbeat;
import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Signal;
import io.lifeline.health.StoredWatch;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.repository.StateStore;
import io.lifeline.health.service.IncidentService;
import io.lifeline.health.service.ProbeService;
import io.lifeline.health.service.Readiness;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every Lifeline service's {@code health.heartbeat}, read: a service silent for {@code missed-beats} of
 * its own intervals opens {@code <service>/silent} naming it; its next heartbeat resolves it. The last
 * beat of each service is stored, so a service that died while the monitor restarted is still noticed.
 * While the bus itself is down nobody's heartbeat can arrive: a service is called silent only once the
 * monitor's own heartbeat, sent after the service's deadline, has come back over the bus, and silence
 * counts again from the bus's return.
 */
@ApplicationScoped
public class HeartbeatWatch {

    public static final String KIND_SILENT = "silent";
    static final String NAME = "heartbeats";

    private static final Logger LOG = Logger.getLogger(HeartbeatWatch.class);

    private final HealthMonitorConfig.Self config;
    private final String bus;
    private final ProbeService probes;
    private final IncidentService incidents;
    private final StateStore store;
    private final Readiness readiness;
    private final Clock clock;
    private final String self;
    private final Map<String, Beat> beats = new ConcurrentHashMap<>();
    private volatile Instant watchedSince;
    // While the bus is down no heartbeat can arrive: silence counts again from when it was last seen down.
    private volatile Instant busLastDown;

    /** The last heartbeat of one service. */
    public record Beat(String instance, Instant at, long intervalSeconds) {
    }

    /** What is stored: each service's last beat. */
    public record Beats(Map<String, Beat> services) {
    }

    public HeartbeatWatch(HealthMonitorConfig config, ProbeService probes, IncidentService incidents, StateStore store,
            Readiness readiness, Clock clock, @ConfigProperty(name = "quarkus.application.name") String self) {
        this.config = config.self();
        this.bus = config.bus().component();
        this.probes = probes;
        this.incidents = incidents;
        this.store = store;
        this.readiness = readiness;
        this.clock = clock;
        this.self = self;
    }

    public Uni<Void> reload() {
        watchedSince = clock.instant();
        return store.loadWatches().invoke(rows -> {
            beats.clear();
            rows.stream().filter(r -> r.name.equals(NAME)).findFirst()
                    .map((StoredWatch r) -> store.read(r.body, Beats.class))
                    .ifPresent(stored -> beats.putAll(stored.services()));
        }).replaceWithVoid();
    }

    /** A heartbeat from any service (its own too: a monitor that hears itself knows the bus carries it). */
    public Uni<Void> heard(HealthHeartbeat heartbeat) {
        // A heartbeat held by a producer while the bus was away arrives late: never move the last beat back.
        Beat known = beats.get(heartbeat.monitor());
        if (known != null && known.at().isAfter(heartbeat.at())) {
            return Uni.createFrom().voidItem();
        }
        beats.put(heartbeat.monitor(), new Beat(heartbeat.instance(), heartbeat.at(), heartbeat.intervalSeconds()));
        Uni<Void> work = store.saveWatch(NAME, new Beats(Map.copyOf(beats)));
        if (incidents.find(heartbeat.monitor(), KIND_SILENT).isPresent()) {
            LOG.infof("%s is heard again (instance %s)", heartbeat.monitor(), heartbeat.instance());
            work = work.chain(() -> incidents.clear(heartbeat.monitor(), KIND_SILENT,
                    "heartbeat again from instance " + heartbeat.instance()));
        }
        return work;
    }

    public Map<String, Beat> beats() {
        return Map.copyOf(beats);
    }

    @Scheduled(every = "${lifeline.health.self.check-interval:5s}", identity = "heartbeat-watch",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledCheck() {
        if (!readiness.started() || watchedSince == null) {
            return Uni.createFrom().voidItem();
        }
        return check().onFailure().invoke(e -> LOG.errorf(e, "heartbeat watch failed")).onFailure().recoverWithNull();
    }

    Uni<Void> check() {
        Instant now = clock.instant();
        if (probes.downSince(bus).isPresent()) {
            busLastDown = now; // the bus's own incident tells that story; the services may be fine
            return Uni.createFrom().voidItem();
        }
        Set<String> services = new TreeSet<>(beats.keySet());
        config.expected().ifPresent(services::addAll);
        services.remove(self); // its own silence is for someone outside to notice (the dead-man ping)
        return Multi.createFrom().iterable(services)
                .onItem().transformToUniAndConcatenate(service -> checkOne(service, now))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> checkOne(String service, Instant now) {
        Beat beat = beats.get(service);
        Duration interval = beat == null ? config.assumedInterval() : Duration.ofSeconds(beat.intervalSeconds());
        Instant lastHeard = beat == null ? watchedSince : beat.at();
        if (busLastDown != null && busLastDown.isAfter(lastHeard)) {
            lastHeard = busLastDown;
        }
        Duration allowed = interval.multipliedBy(config.missedBeats());
        Duration silent = Duration.between(lastHeard, now);
        if (silent.compareTo(allowed) <= 0 || incidents.find(service, KIND_SILENT).isPresent()) {
            return Uni.createFrom().voidItem();
        }
        // Silent only if the bus carried heartbeats after the deadline: the monitor's own, sent later,
        // came back. Otherwise the silence may be the bus's, before its probes have called it down.
        Beat own = beats.get(self);
        if (own == null || !own.at().isAfter(lastHeard.plus(allowed))) {
            return Uni.createFrom().voidItem();
        }
        String summary = beat == null
                ? String.format("%s silent: no heartbeat in %d s since the monitor started watching (expected every %d s)",
                        service, silent.toSeconds(), interval.toSeconds())
                : String.format("%s silent: no heartbeat for %d s (expected every %d s; last from instance %s at %s)",
                        service, silent.toSeconds(), interval.toSeconds(), beat.instance(), beat.at());
        LOG.warn(summary);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("service", service);
        detail.put("silentSeconds", silent.toSeconds());
        detail.put("intervalSeconds", interval.toSeconds());
        detail.put("lastHeartbeat", beat == null ? "never" : beat.at().toString());
        return incidents.raiseOnce(new FailureReport(service, KIND_SILENT, config.silentSeverity(), summary,
                new Signal("health.heartbeat.missed", "health-monitor/heartbeats", now, detail), null));
    }
}
