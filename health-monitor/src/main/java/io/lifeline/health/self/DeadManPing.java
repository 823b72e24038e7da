package io.lifeline.health.self;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.service.ProbeTimer;
import io.lifeline.health.service.Readiness;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The outside world's view of Lifeline: a GET to a heartbeat service's URL every period, sent only while
 * the monitor's probe rounds keep running. When all of Lifeline is gone (Kafka, the database and this
 * monitor with it), the pings stop and the heartbeat service pages someone. The URL is never logged.
 */
@ApplicationScoped
public class DeadManPing {

    private static final Logger LOG = Logger.getLogger(DeadManPing.class);

    private final HealthMonitorConfig.Self config;
    private final ProbeTimer rounds;
    private final Readiness readiness;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean failing = new AtomicBoolean();

    public DeadManPing(HealthMonitorConfig config, ProbeTimer rounds, Readiness readiness) {
        this.config = config.self();
        this.rounds = rounds;
        this.readiness = readiness;
    }

    @Scheduled(every = "${lifeline.health.self.dead-man-interval:60s}", identity = "dead-man-ping",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> ping() {
        if (config.deadManUrl().isEmpty() || !readiness.started()) {
            return Uni.createFrom().voidItem();
        }
        if (!rounds.roundsRunning()) {
            LOG.warn("dead-man ping withheld: the probe rounds have stopped");
            return Uni.createFrom().voidItem();
        }
        URI url = config.deadManUrl().get();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .invoke(response -> {
                    if (response.statusCode() / 100 == 2) {
                        if (failing.getAndSet(false)) {
                            LOG.info("dead-man ping answered again");
                        }
                    } else if (!failing.getAndSet(true)) {
                        LOG.warnf("dead-man ping answered HTTP %d", response.statusCode());
                    }
                })
                .onFailure().invoke(e -> {
                    if (!failing.getAndSet(true)) {
                        LOG.warnf("dead-man ping not sent: %s", e.getClass().getSimpleName());
                    }
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
