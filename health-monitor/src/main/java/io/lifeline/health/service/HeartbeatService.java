package io.lifeline.health.service;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.health.HealthHeartbeat;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.messaging.HealthEvents;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** The watcher watched: {@code health.heartbeat} on a fixed interval, so that the monitor's silence is detectable. */
@ApplicationScoped
public class HeartbeatService {

    private static final Logger LOG = Logger.getLogger(HeartbeatService.class);

    private final HealthEvents events;
    private final ProbeService probes;
    private final IncidentService incidents;
    private final HealthMonitorConfig config;
    private final Clock clock;
    private final Readiness readiness;
    private final String instance = "hm-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();

    public HeartbeatService(HealthEvents events, ProbeService probes, IncidentService incidents,
            HealthMonitorConfig config, Clock clock, Readiness readiness) {
        this.events = events;
        this.probes = probes;
        this.incidents = incidents;
        this.config = config;
        this.clock = clock;
        this.readiness = readiness;
    }

    public String instance() {
        return instance;
    }

    @Scheduled(every = "${lifeline.health.heartbeat.interval:30s}", identity = "heartbeat",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> beat() {
        if (!readiness.started()) {
            return Uni.createFrom().voidItem();
        }
        HealthHeartbeat heartbeat = new HealthHeartbeat(IncidentService.RAISED_BY, instance,
                sequence.incrementAndGet(), clock.instant(), Math.max(1, config.heartbeat().interval().toSeconds()),
                probes.componentCount(), probes.degradedComponentCount(), incidents.open().size());
        return events.heartbeat(heartbeat)
                .onFailure().invoke(e -> LOG.warnf("heartbeat not sent: %s", e.toString())).onFailure().recoverWithNull();
    }
}
