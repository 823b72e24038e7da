package io.lifeline.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.lifeline.events.EventJson;
import io.lifeline.events.EventTypes;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.ProbeResult;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.KafkaProcess;
import io.lifeline.testsupport.TestDatabase;

/**
 * The outbox against a real PostgreSQL and a real Kafka broker process: what a committed transaction
 * wrote reaches Kafka once, in order, with the id fixed at writing; a rolled-back one reaches nothing;
 * a broker SIGKILLed while events are written loses none of them; two relays on one schema publish
 * each event once, and the survivor takes over when the leader stops.
 */
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaProcess kafka;
    private static TestDatabase database;
    private static PGSimpleDataSource dataSource;

    private final List<OutboxRelay> relays = new ArrayList<>();
    private String schema;
    private JdbcOutbox outbox;
    private EventTopics topics;

    @BeforeAll
    static void servers() {
        kafka = KafkaProcess.start();
        database = TestDatabase.create("outbox_test");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
    }

    @AfterAll
    static void stopServers() {
        if (kafka != null) {
            kafka.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void schema() throws Exception {
        // A schema per test, migrated with the module's own script, as Flyway does in a service.
        schema = "svc_" + Long.toHexString(System.nanoTime());
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET search_path TO " + schema);
            st.execute(migration());
        }
        outbox = new JdbcOutbox(new OutboxSchema(schema), "outbox-test", Clock.systemUTC());
        topics = new EventTopics(kafka.bootstrapServers());
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        topics.close();
    }

    @Test
    void committedEventsArePublishedOnceInOrderWithTheIdFixedAtWriting() throws Exception {
        String component = "c-" + schema;
        List<OutboxEvent> written = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 1; i <= 5; i++) {
                written.add(outbox.append(c, EventTypes.HEALTH_DEGRADED, degraded(component, i)));
            }
            c.commit();
        }
        relay();

        List<ConsumerRecord<String, String>> records = awaitComponent(component, 5);
        assertThat(records).extracting(r -> EventTopics.headers(r).get("ce_id"))
                .containsExactlyElementsOf(written.stream().map(OutboxEvent::id).toList());
        Map<String, String> headers = EventTopics.headers(records.get(0));
        assertThat(headers).containsEntry("ce_type", "lifeline.health.degraded")
                .containsEntry("ce_source", "urn:lifeline:outbox-test")
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_subject", component)
                .containsKey("ce_time");
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(component);
        assertThat(records).extracting(r -> consecutiveFailures(r.value())).containsExactly(1, 2, 3, 4, 5);
        await().atMost(WAIT).until(() -> unpublished() == 0);
        assertThat(awaitComponent(component, 5)).hasSize(5); // nothing published twice
    }

    @Test
    void aRolledBackTransactionPublishesNothing() throws Exception {
        String kept = "kept-" + schema;
        String dropped = "dropped-" + schema;
        relay();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            outbox.append(c, EventTypes.HEALTH_DEGRADED, degraded(dropped, 1));
            c.rollback();
            outbox.append(c, EventTypes.HEALTH_DEGRADED, degraded(kept, 1));
            c.commit();
        }
        awaitComponent(kept, 1);
        assertThat(topics.readAll("health.degraded")).extracting(ConsumerRecord::key).doesNotContain(dropped);
    }

    @Test
    void eventsWrittenWhileTheBrokerIsKilledArePublishedInOrderWhenItIsBack() throws Exception {
        String component = "outage-" + schema;
        OutboxRelay relay = relay();
        write(component, 1);
        awaitComponent(component, 1);

        kafka.kill();
        for (int i = 2; i <= 6; i++) {
            write(component, i); // the service goes on; its events wait in the outbox
        }
        await().atMost(WAIT).until(() -> relay.status().failingSince() != null);
        assertThat(unpublished()).isEqualTo(5);

        kafka.restart();
        List<ConsumerRecord<String, String>> records = awaitComponent(component, 6);
        assertThat(records).extracting(r -> consecutiveFailures(r.value())).containsExactly(1, 2, 3, 4, 5, 6);
        await().atMost(WAIT).until(() -> unpublished() == 0 && relay.status().failingSince() == null);
    }

    @Test
    void twoRelaysOnOneSchemaPublishEachEventOnceAndTheSurvivorTakesOver() throws Exception {
        String component = "replicas-" + schema;
        OutboxRelay first = relay();
        await().atMost(WAIT).until(() -> first.status().leader());
        OutboxRelay second = relay();
        for (int i = 1; i <= 3; i++) {
            write(component, i);
        }
        awaitComponent(component, 3);
        assertThat(second.status().leader()).isFalse();

        first.stop(); // its connection closes, and the advisory lock goes with it
        await().atMost(WAIT).until(() -> second.status().leader());
        for (int i = 4; i <= 6; i++) {
            write(component, i);
        }
        List<ConsumerRecord<String, String>> records = awaitComponent(component, 6);
        assertThat(records).extracting(r -> consecutiveFailures(r.value())).containsExactly(1, 2, 3, 4, 5, 6);
    }

    // ------------------------------------------------------------------ helpers

    private OutboxRelay relay() {
        OutboxRelay relay = new OutboxRelay(dataSource, settings(schema),
                Map.of("bootstrap.servers", kafka.bootstrapServers()));
        relay.start();
        relays.add(relay);
        return relay;
    }

    private void write(String component, int n) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            outbox.append(c, EventTypes.HEALTH_DEGRADED, degraded(component, n));
        }
    }

    private List<ConsumerRecord<String, String>> awaitComponent(String component, int count) {
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            mine.clear();
            topics.readAll("health.degraded").stream().filter(r -> component.equals(r.key())).forEach(mine::add);
            return mine.size() >= count;
        });
        return mine;
    }

    private long unpublished() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + schema + ".outbox_event WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static HealthDegraded degraded(String component, int failures) {
        Instant now = Instant.now();
        return new HealthDegraded(component, "probe", now, failures,
                List.of(new ProbeResult("probe", false, "DOWN", 1, "connection refused", now)));
    }

    private static int consecutiveFailures(String json) {
        try {
            return EventJson.mapper().readTree(json).path("consecutiveFailures").asInt();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String migration() throws IOException {
        try (InputStream in = OutboxRelayTest.class.getResourceAsStream("/db/outbox/R__lifeline_outbox.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static OutboxConfig settings(String schema) {
        return new OutboxConfig() {
            public String schema() { return schema; }
            public boolean enabled() { return true; }
            public Duration pollInterval() { return Duration.ofMillis(500); }
            public Duration standbyInterval() { return Duration.ofMillis(300); }
            public int batchSize() { return 100; }
            public Duration minBackoff() { return Duration.ofMillis(100); }
            public Duration maxBackoff() { return Duration.ofSeconds(1); }
            public Duration deliveryTimeout() { return Duration.ofSeconds(5); }
            public Duration keepPublished() { return Duration.ofDays(7); }
            public Duration keepHandled() { return Duration.ofDays(30); }
        };
    }
}
