package io.lifeline.health.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.lifeline.events.incident.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the monitor probes and when it calls a component degraded. Probes are configuration:
 * adding one is a few {@code lifeline.health.probes.<name>.*} lines, no code.
 */
@ConfigMapping(prefix = "lifeline.health")
public interface HealthMonitorConfig {

    /** How often every probe runs (the scheduler reads the same property). */
    @WithDefault("30s")
    Duration interval();

    Map<String, HttpProbe> probes();

    interface HttpProbe {

        /** The component the probe speaks for: the key of its health events, part of the dedup key. */
        String component();

        URI url();

        @WithDefault("GET")
        String method();

        @WithDefault("200")
        int expectedStatus();

        /** Optional text the body must contain, e.g. {@code "status":"ok"}. */
        Optional<String> bodyContains();

        @WithDefault("5s")
        Duration timeout();

        /** Consecutive failures before the component is degraded (no paging on a single blip). */
        @WithDefault("3")
        int failureThreshold();

        /** Consecutive successes before a degraded component is recovered. */
        @WithDefault("2")
        int recoveryThreshold();

        @WithDefault("critical")
        Severity severity();

        Optional<String> runbookUrl();
    }
}
