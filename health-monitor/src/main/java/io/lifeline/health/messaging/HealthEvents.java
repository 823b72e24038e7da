package io.lifeline.health.messaging;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.lifeline.events.EventType;
import io.lifeline.events.EventTypes;
import io.lifeline.events.health.HealthHeartbeat;
import io.lifeline.events.incident.IncidentChange;
import io.lifeline.messaging.EventMessages;
import io.lifeline.outbox.OutboxEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The monitor's outgoing events, built as outbox rows: id and time fixed now, JSON checked against the
 * topic's schema. {@code StateStore} writes them in the transaction of the change they report, and the
 * outbox relay publishes them, so no probe round ever waits for Kafka. The heartbeat alone goes straight
 * to Kafka: it is about now, and the ones missed while the broker was away are worth nothing afterwards.
 */
@ApplicationScoped
public class HealthEvents {

    public static final String HEALTH_HEARTBEAT = "health-heartbeat";

    private final String serviceName;
    private final Clock clock;

    private final MutinyEmitter<String> heartbeats;

    public HealthEvents(@ConfigProperty(name = "quarkus.application.name") String serviceName, Clock clock,
            @Channel(HEALTH_HEARTBEAT) MutinyEmitter<String> heartbeats) {
        this.serviceName = serviceName;
        this.clock = clock;
        this.heartbeats = heartbeats;
    }

    /** Completes when Kafka has the heartbeat. */
    public Uni<Void> heartbeat(HealthHeartbeat heartbeat) {
        return heartbeats.sendMessage(EventMessages.of(EventTypes.HEALTH_HEARTBEAT, heartbeat, serviceName));
    }

    public <T> OutboxEvent of(EventType<T> type, T payload) {
        return OutboxEvent.of(type, payload, serviceName, clock);
    }

    /** {@code incident.opened} or {@code incident.updated}, whichever the change is. */
    public OutboxEvent of(IncidentChange change) {
        return OutboxEvent.ofAny(change.eventType(), change, serviceName, clock);
    }
}
