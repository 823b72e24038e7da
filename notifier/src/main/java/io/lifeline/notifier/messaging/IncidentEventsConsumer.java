package io.lifeline.notifier.messaging;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventType;
import io.lifeline.events.EventTypes;
import io.lifeline.notifier.service.IncidentService;
import io.lifeline.notifier.service.NotificationRelay;
import io.smallrye.mutiny.Uni;

/**
 * The incident topics. A record that is not a valid event fails decoding: the message is nacked
 * and the channel's dead-letter strategy moves it, with the reason, to {@code dlq.notifier}. A
 * valid one is handled in one transaction (retried a few times if the database hiccups) and
 * acknowledged (offset committed) only after that; then the relay is woken to send what it queued.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    public static final String INCIDENT_OPENED = "incident-opened";
    public static final String INCIDENT_UPDATED = "incident-updated";
    public static final String INCIDENT_ACKNOWLEDGED = "incident-acknowledged";
    public static final String INCIDENT_RESOLVED = "incident-resolved";

    private static final int ATTEMPTS = 5;

    private final IncidentService incidents;
    private final NotificationRelay relay;

    public IncidentEventsConsumer(IncidentService incidents, NotificationRelay relay) {
        this.incidents = incidents;
        this.relay = relay;
    }

    @Incoming(INCIDENT_OPENED)
    public Uni<Void> onOpened(String json) {
        return decode(EventTypes.INCIDENT_OPENED, json).chain(e -> handle(() -> incidents.opened(e)));
    }

    @Incoming(INCIDENT_UPDATED)
    public Uni<Void> onUpdated(String json) {
        return decode(EventTypes.INCIDENT_UPDATED, json).chain(e -> handle(() -> incidents.updated(e)));
    }

    @Incoming(INCIDENT_ACKNOWLEDGED)
    public Uni<Void> onAcknowledged(String json) {
        return decode(EventTypes.INCIDENT_ACKNOWLEDGED, json).chain(e -> handle(() -> incidents.acknowledged(e)));
    }

    @Incoming(INCIDENT_RESOLVED)
    public Uni<Void> onResolved(String json) {
        return decode(EventTypes.INCIDENT_RESOLVED, json).chain(e -> handle(() -> incidents.resolved(e)));
    }

    private static <T> Uni<T> decode(EventType<T> type, String json) {
        return Uni.createFrom().item(() -> EventCodec.decode(type, json));
    }

    private Uni<Void> handle(Supplier<Uni<Boolean>> work) {
        return Uni.createFrom().<Boolean>deferred(work::get)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(ATTEMPTS)
                .invoke(queued -> {
                    if (queued) {
                        relay.kick();
                    }
                })
                .replaceWithVoid();
    }
}
