package io.lifeline.health.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.lifeline.health.config.HealthMonitorConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Starts a probe round every {@code lifeline.health.interval}, at a fixed rate. Not Quarkus's
 * {@code @Scheduled}: its timer looks at triggers once a second, so every round could start up to a
 * second late and the lateness added up over the failure threshold, past the promised detection
 * bound (interval × threshold + 1 s). A round that overruns delays the next; two never overlap.
 */
@ApplicationScoped
public class ProbeTimer {

    private static final Logger LOG = Logger.getLogger(ProbeTimer.class);

    private final ProbeService probes;
    private final long intervalMillis;
    private ScheduledExecutorService timer;
    private volatile long lastRoundEnded = System.nanoTime();

    public ProbeTimer(ProbeService probes, HealthMonitorConfig config) {
        this.probes = probes;
        this.intervalMillis = Math.max(1, config.interval().toMillis());
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "probe-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::round, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            // Probes use Hibernate Reactive and the Vert.x clients: run the round on a Vert.x context.
            VertxContextSupport.subscribeAndAwait(probes::probeAll);
            lastRoundEnded = System.nanoTime();
        } catch (Throwable e) {
            // Never let one bad round cancel the timer (scheduleAtFixedRate stops on an exception).
            LOG.errorf(e, "a probe round failed");
        }
    }

    /** Whether rounds keep ending: the last one ended within three intervals (or the timer just started). */
    public boolean roundsRunning() {
        return System.nanoTime() - lastRoundEnded <= TimeUnit.MILLISECONDS.toNanos(3 * intervalMillis + 1000);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
