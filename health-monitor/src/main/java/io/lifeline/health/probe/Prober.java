package io.lifeline.health.probe;

import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.smallrye.mutiny.Uni;

/**
 * One kind of probe. Implementations never fail the {@code Uni}: an unreachable component is a
 * result with {@code ok=false} and the reason, so that the monitor always has something to count.
 */
public interface Prober {

    ProbeType type();

    Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe);

    /** A setting the probe type needs, or a clear configuration error naming it. */
    static <T> T require(java.util.Optional<T> value, String name, String setting) {
        return value.orElseThrow(() -> new IllegalStateException(
                "probe '" + name + "' needs lifeline.health.probes." + name + "." + setting));
    }
}
