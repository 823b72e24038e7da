package io.lifeline.notifier.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.notifier.service.StatusService;
import io.smallrye.mutiny.Uni;

/** Component health for the status page; unreadable records go to {@code dlq.notifier}. */
@ApplicationScoped
public class HealthEventsConsumer {

    public static final String HEALTH_DEGRADED = "health-degraded";
    public static final String HEALTH_RECOVERED = "health-recovered";

    private final StatusService status;

    public HealthEventsConsumer(StatusService status) {
        this.status = status;
    }

    @Incoming(HEALTH_DEGRADED)
    public Uni<Void> onDegraded(String json) {
        return Uni.createFrom().item(() -> EventCodec.decode(EventTypes.HEALTH_DEGRADED, json))
                .chain(e -> Uni.createFrom().<Void>deferred(() -> status.degraded(e))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5));
    }

    @Incoming(HEALTH_RECOVERED)
    public Uni<Void> onRecovered(String json) {
        return Uni.createFrom().item(() -> EventCodec.decode(EventTypes.HEALTH_RECOVERED, json))
                .chain(e -> Uni.createFrom().<Void>deferred(() -> status.recovered(e))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5));
    }
}
