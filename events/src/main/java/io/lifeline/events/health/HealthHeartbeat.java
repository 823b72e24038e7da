package io.lifeline.events.health;

import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.required;
import static io.lifeline.events.internal.Checks.text;

import java.time.Instant;

/**
 * A monitor is alive and probing. Sent on a fixed interval so that silence itself is detectable:
 * no heartbeat for a few intervals means the watcher is down.
 *
 * @param monitor            the monitoring service, e.g. {@code health-monitor}; the Kafka key
 * @param instance           the running instance (changes on restart)
 * @param sequence           counts up from 1 within one instance
 * @param intervalSeconds    the promised interval: a consumer alarms after a few missed ones
 * @param components         components watched
 * @param componentsDegraded components currently degraded
 * @param openIncidents      incidents this monitor holds open
 */
public record HealthHeartbeat(String monitor, String instance, long sequence, Instant at, long intervalSeconds,
                              int components, int componentsDegraded, int openIncidents) {

    public HealthHeartbeat {
        text(monitor, "monitor");
        text(instance, "instance");
        atLeast(sequence, 1, "sequence");
        required(at, "at");
        atLeast(intervalSeconds, 1, "intervalSeconds");
        atLeast(components, 0, "components");
        atLeast(componentsDegraded, 0, "componentsDegraded");
        atLeast(openIncidents, 0, "openIncidents");
    }
}
