package io.lifeline.health.self;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.health.repository.StateStore;
import io.smallrye.mutiny.Uni;

/**
 * What Lifeline says about itself: every service's heartbeat, and every record on any {@code dlq.*}
 * topic (one pattern subscription, so a service added later is watched without a setting).
 */
@ApplicationScoped
public class SelfWatchConsumer {

    public static final String HEARTBEATS = "heartbeats-in";
    public static final String DEAD_LETTERS = "dead-letters";

    private final HeartbeatWatch heartbeats;
    private final DeadLetterWatch deadLetters;
    private final StateStore store;

    public SelfWatchConsumer(HeartbeatWatch heartbeats, DeadLetterWatch deadLetters, StateStore store) {
        this.heartbeats = heartbeats;
        this.deadLetters = deadLetters;
        this.store = store;
    }

    @Incoming(HEARTBEATS)
    public Uni<Void> onHeartbeat(String json) {
        return heartbeats.heard(EventCodec.decode(EventTypes.HEALTH_HEARTBEAT, json));
    }

    @Incoming(DEAD_LETTERS)
    public Uni<Void> onDeadLetter(ConsumerRecord<String, String> record) {
        return deadLetters.deadLetter(record.topic(), header(record, "dead-letter-reason", "no reason given"),
                header(record, "dead-letter-topic", "unknown topic"), record.offset()).chain(store::flushed);
    }

    private static String header(ConsumerRecord<String, String> record, String name, String otherwise) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? otherwise : new String(header.value(), StandardCharsets.UTF_8);
    }
}
