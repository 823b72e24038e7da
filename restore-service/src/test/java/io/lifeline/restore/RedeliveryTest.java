package io.lifeline.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.events.restore.RestoreRequested;
import io.lifeline.restore.repository.RestoreRepository;
import io.lifeline.testsupport.EventTopics;
import io.quarkus.test.junit.QuarkusTest;

/**
 * At-least-once delivery never shows twice: a {@code restore.requested} delivered again with the same
 * CloudEvents id is skipped; a record that cannot be read goes to {@code dlq.restore-service}, while one
 * whose work fails (here its table is away) is retried until it goes through and never dead-lettered.
 */
@QuarkusTest
class RedeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = "restore.requested";
    private static final String DLQ = "dlq.restore-service";
    /** One key for every record of a test: one partition, so they are handled in the order sent. */
    private static final String KEY = "redelivery";

    @Inject
    RestoreRepository repository;

    @Inject
    DataSource db;

    @Test
    void aRestoreRequestedDeliveredTwiceWithTheSameIdCreatesOneRestore() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String requestId = "req-redelivered-" + System.nanoTime();
        String copy = requestId + "-copy";
        String after = "req-after-" + System.nanoTime();
        try (EventTopics topics = EventTopics.fromConfig()) {
            // "unreachable" is allowed but down: the restore is real, and fails fast at connect.
            send(topics, eventId, request(requestId, "unreachable"));
            // Delivered again; this copy even carries another request id: only its ce_id tells it is a repeat.
            send(topics, eventId, request(copy, "unreachable"));
            // Handled after the copy (same partition): once it is, the copy has been too.
            send(topics, UUID.randomUUID().toString(), request(after, "template1"));
            topics.awaitEvents(EventTypes.RESTORE_FAILED, 1, e -> e.requestId().equals(after), WAIT);
            topics.awaitEvents(EventTypes.RESTORE_FAILED, 1, e -> e.requestId().equals(requestId), WAIT);

            assertThat(repository.findByRequest(requestId)).isPresent();
            assertThat(repository.findByRequest(copy)).isEmpty();
            assertThat(handled(eventId)).isEqualTo(1);
            assertThat(topics.readAll("restore.failed")).extracting(ConsumerRecord::value)
                    .filteredOn(json -> json.contains(requestId)).hasSize(1);
        }
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAndARequestWhoseWorkFailsIsRetriedUntilItGoesThrough() throws Exception {
        String garbage = "{\"requestId\": \"no-target-" + System.nanoTime() + "\"}";
        String requestId = "req-retried-" + System.nanoTime();
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.sendRaw(TOPIC, KEY, garbage, Map.of());
            ConsumerRecord<String, String> dead = topics.awaitRecords(DLQ, 1, r -> garbage.equals(r.value()), WAIT)
                    .get(0);
            assertThat(EventTopics.headers(dead).get("dead-letter-reason")).contains("invalid restore.requested");

            // The work fails while its table is away, as it would while the database is.
            execute("ALTER TABLE restore_service.handled_event RENAME TO handled_event_away");
            try {
                send(topics, UUID.randomUUID().toString(), request(requestId, "template1"));
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                        .until(() -> repository.findByRequest(requestId).isEmpty());
            } finally {
                execute("ALTER TABLE restore_service.handled_event_away RENAME TO handled_event");
            }
            RestoreFailed refused = topics.awaitEvents(EventTypes.RESTORE_FAILED, 1,
                    e -> e.requestId().equals(requestId), WAIT).get(0).payload();
            assertThat(refused.stage()).isEqualTo("request");
            assertThat(topics.readAll(DLQ)).extracting(ConsumerRecord::value).noneMatch(v -> v.contains(requestId));
        }
    }

    private static String request(String requestId, String target) {
        return EventCodec.encode(EventTypes.RESTORE_REQUESTED, new RestoreRequested(requestId, target,
                BackupSelector.latestVerified(), null, "test", Instant.now()));
    }

    /** As the producer's outbox relay sends it: CloudEvents binary mode. */
    private static void send(EventTopics topics, String eventId, String json) {
        topics.sendRaw(TOPIC, KEY, json, Map.of("ce_specversion", "1.0", "ce_id", eventId,
                "ce_source", "urn:lifeline:test", "ce_type", "lifeline.restore.requested",
                "content-type", "application/json"));
    }

    private long handled(String eventId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM restore_service.handled_event WHERE id = ? AND topic = ?")) {
            st.setString(1, eventId);
            st.setString(2, TOPIC);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
