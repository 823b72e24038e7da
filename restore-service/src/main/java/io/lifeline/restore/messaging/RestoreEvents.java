package io.lifeline.restore.messaging;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lifeline.events.EventType;
import io.lifeline.events.incident.IncidentChange;
import io.lifeline.outbox.OutboxEvent;

/**
 * restore-service's outgoing events, built as outbox rows: id and time fixed now, JSON checked against
 * the topic's schema. The repositories write them in the transaction of the change they report, and
 * the outbox relay publishes them, so a restore never waits for Kafka and no event is lost with it.
 */
@ApplicationScoped
public class RestoreEvents {

    private final String serviceName;
    private final Clock clock;

    public RestoreEvents(@ConfigProperty(name = "quarkus.application.name") String serviceName, Clock clock) {
        this.serviceName = serviceName;
        this.clock = clock;
    }

    public <T> OutboxEvent of(EventType<T> type, T payload) {
        return OutboxEvent.of(type, payload, serviceName, clock);
    }

    /** {@code incident.opened} or {@code incident.updated}, whichever the change is. */
    public OutboxEvent of(IncidentChange change) {
        return OutboxEvent.ofAny(change.eventType(), change, serviceName, clock);
    }
}
