package io.lifeline.outbox;

import java.time.Clock;

import org.hibernate.reactive.mutiny.Mutiny;

import io.lifeline.events.EventType;
import io.smallrye.mutiny.Uni;

/**
 * The outbox for a service that keeps its state with Hibernate Reactive: the event row joins the
 * session's transaction, so the state change and the event that reports it commit together or not at
 * all. Nothing here talks to Kafka; {@link OutboxRelay} publishes the row after the commit.
 */
public final class ReactiveOutbox {

    private final OutboxSchema schema;
    private final String serviceName;
    private final Clock clock;

    public ReactiveOutbox(OutboxSchema schema, String serviceName, Clock clock) {
        this.schema = schema;
        this.serviceName = serviceName;
        this.clock = clock;
    }

    /** Adds the event of {@code type} about {@code payload}; must run inside the session's transaction. */
    public <T> Uni<OutboxEvent> append(Mutiny.Session session, EventType<T> type, T payload) {
        OutboxEvent event = OutboxEvent.of(type, payload, serviceName, clock);
        return append(session, event).replaceWith(event);
    }

    /** Adds an event built beforehand (its id already fixed); the same id twice is stored once. */
    public Uni<Void> append(Mutiny.Session session, OutboxEvent event) {
        return session.createNativeQuery(schema.insertEvent())
                .setParameter("id", event.id())
                .setParameter("topic", event.topic())
                .setParameter("key", event.key())
                .setParameter("type", event.type())
                .setParameter("source", event.source())
                .setParameter("subject", event.subject())
                .setParameter("time", event.time())
                .setParameter("data", event.data())
                .executeUpdate()
                .replaceWithVoid();
    }

    /**
     * Records that this service handled event {@code id} (from {@code topic}); true the first time.
     * Inside the handling's transaction, so a crash before the commit handles it again, and a
     * re-delivery after the commit is skipped.
     */
    public Uni<Boolean> firstDelivery(Mutiny.Session session, String id, String topic) {
        return session.createNativeQuery(schema.insertHandled())
                .setParameter("id", id)
                .setParameter("topic", topic)
                .executeUpdate()
                .map(rows -> rows > 0);
    }

    public String serviceName() {
        return serviceName;
    }
}
