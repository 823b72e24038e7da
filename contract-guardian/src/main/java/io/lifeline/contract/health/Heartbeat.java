package io.lifeline.contract.health;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.contract.config.GuardianConfig;
import io.lifeline.contract.config.WatchList;
import io.lifeline.contract.incident.GuardianIncidents;
import io.lifeline.contract.messaging.GuardianEvents;
import io.lifeline.contract.scan.ChainScanner;
import io.lifeline.contract.store.OnWorker;
import io.lifeline.events.health.HealthHeartbeat;
import io.quarkus.scheduler.Scheduled;

/** health.heartbeat on a fixed interval: silence means the guardian itself is down. */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class);

    private final GuardianConfig config;
    private final WatchList watchList;
    private final ChainScanner scanner;
    private final GuardianIncidents incidents;
    private final GuardianEvents events;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();

    public Heartbeat(GuardianConfig config, WatchList watchList, ChainScanner scanner, GuardianIncidents incidents,
            GuardianEvents events) {
        this.config = config;
        this.watchList = watchList;
        this.scanner = scanner;
        this.incidents = incidents;
        this.events = events;
    }

    @Scheduled(every = "${lifeline.contract.scan.heartbeat-interval:30s}", identity = "contract-heartbeat",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "5s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void beat() {
        long interval = Math.max(1, config.scan().heartbeatInterval().toSeconds());
        boolean degraded = scanner.consecutiveFailures() >= config.rpc().failuresBeforeIncident();
        try {
            HealthHeartbeat hb = new HealthHeartbeat("contract-guardian", instance, sequence.incrementAndGet(),
                    Instant.now(), interval, watchList.all().size(), degraded ? watchList.all().size() : 0,
                    incidents.openCount());
            OnWorker.await(() -> events.heartbeat(hb));
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat not sent: %s", e.getMessage());
        }
    }
}
