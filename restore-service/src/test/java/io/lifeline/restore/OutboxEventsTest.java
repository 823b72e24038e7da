package io.lifeline.restore;

import static io.lifeline.restore.TestBackups.db;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.events.EventJson;
import io.lifeline.events.EventType;
import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreStarted;
import io.lifeline.restore.repository.RestoreRepository;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A restore's events are written with its state changes, in their transactions: the record on Kafka
 * carries the id its outbox row was written with, the row holds the payload the restore's own record
 * holds, and the relay publishes it once.
 */
@QuarkusTest
class OutboxEventsTest {

    private static final String TARGET = "outbox";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    RestoreRepository repository;

    @Inject
    DataSource db;

    @Test
    void aCompletedRestoreIsPublishedOnceWithTheIdItsOutboxRowWasWrittenWith() throws Exception {
        TestBackups.lifeline(TARGET, Instant.now().minusSeconds(60), RestoreFaultsTest.key("recipient"), false);
        TestBackups.execute(db(TARGET), "DELETE FROM plays WHERE id % 5 = 0");
        String restoreId = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"target\":\"" + TARGET + "\"}").when().post("/restores")
                .then().statusCode(202).extract().path("restoreId");

        try (EventTopics topics = EventTopics.fromConfig()) {
            ReceivedEvent<RestoreCompleted> completed = topics.awaitEvents(EventTypes.RESTORE_COMPLETED, 1,
                    e -> e.restoreId().equals(restoreId), WAIT).get(0);
            OutboxRow row = awaitPublished(EventTypes.RESTORE_COMPLETED, restoreId);
            assertThat(completed.ceId()).isEqualTo(row.id());
            // The same payload as the result the completion stored on the restore's row, in that transaction.
            JsonNode result = EventJson.mapper().readTree(repository.find(restoreId).orElseThrow().result());
            assertThat(EventJson.mapper().readTree(row.data())).isEqualTo(result);
            assertThat(onKafka(topics, EventTypes.RESTORE_COMPLETED, restoreId)).isEqualTo(1);

            ReceivedEvent<RestoreStarted> started = topics.awaitEvents(EventTypes.RESTORE_STARTED, 1,
                    e -> e.restoreId().equals(restoreId), WAIT).get(0);
            assertThat(started.ceId()).isEqualTo(awaitPublished(EventTypes.RESTORE_STARTED, restoreId).id());
            assertThat(onKafka(topics, EventTypes.RESTORE_STARTED, restoreId)).isEqualTo(1);
        }
    }

    private record OutboxRow(String id, String data, Instant publishedAt) {
    }

    /** The restore's outbox row on that topic, once the relay has marked it published. */
    private OutboxRow awaitPublished(EventType<?> type, String restoreId) {
        return await().atMost(WAIT).until(() -> outboxRow(type, restoreId), r -> r != null && r.publishedAt() != null);
    }

    private OutboxRow outboxRow(EventType<?> type, String restoreId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, data, published_at FROM restore_service.outbox_event WHERE topic = ? AND event_key = ?")) {
            st.setString(1, type.topic());
            st.setString(2, restoreId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                OutboxRow row = new OutboxRow(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant());
                assertThat(rs.next()).as("one outbox row per event").isFalse();
                return row;
            }
        }
    }

    private static long onKafka(EventTopics topics, EventType<?> type, String restoreId) {
        return topics.readAll(type.topic()).stream().filter(r -> restoreId.equals(r.key())).count();
    }
}
