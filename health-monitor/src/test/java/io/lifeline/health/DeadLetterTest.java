package io.lifeline.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventCodec;
import io.lifeline.events.Topics;
import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.testsupport.EventTopics;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A record the monitor cannot read goes to its dead-letter topic with the reason, and the records
 * behind it on the same partition are still processed.
 */
@QuarkusTest
class DeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = Topics.deadLetter("health-monitor");

    @Test
    void unparseableJsonIsDeadLetteredWithTheReason() {
        String marker = UUID.randomUUID().toString();
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.sendRaw(Topics.BACKUP_COMPLETED, "mycelix", "{\"backupId\": \"" + marker + "\", oops", Map.of());

            ConsumerRecord<String, String> dead = topics.awaitRecords(DLQ, 1,
                    r -> r.value().contains(marker), WAIT).get(0);

            Map<String, String> headers = EventTopics.headers(dead);
            assertThat(headers.get("dead-letter-reason")).contains("backup.completed");
            assertThat(headers.get("dead-letter-topic")).isEqualTo(Topics.BACKUP_COMPLETED);
            assertThat(dead.key()).isEqualTo("mycelix");
        }
    }

    @Test
    void anEventMissingARequiredFieldIsDeadLetteredNamingTheFieldAndTheNextOneStillCounts() {
        String badId = "bk-" + UUID.randomUUID();
        String goodDatabase = "db_" + UUID.randomUUID().toString().substring(0, 8);
        String good = EventCodec.encode(backup("bk-" + UUID.randomUUID(), goodDatabase));
        // The same payload shape with the database removed: schema-invalid, not unparseable.
        String bad = EventCodec.encode(backup(badId, "mycelix")).replace("\"database\":\"mycelix\",", "");
        assertThat(bad).doesNotContain("\"database\"");
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.sendRaw(Topics.BACKUP_COMPLETED, badId, bad, Map.of());
            topics.sendRaw(Topics.BACKUP_COMPLETED, "next", good, Map.of());

            List<ConsumerRecord<String, String>> dead = topics.awaitRecords(DLQ, 1, r -> r.value().contains(badId), WAIT);
            assertThat(EventTopics.headers(dead.get(0)).get("dead-letter-reason")).contains("$.database");

            await().atMost(WAIT).untilAsserted(() -> given().when().get("/backups/freshness")
                    .then().statusCode(200).body("database", hasItem(goodDatabase)));
        }
    }

    private static BackupCompleted backup(String id, String database) {
        Instant now = Instant.now();
        return new BackupCompleted(id, "req-" + id, database, now.minusSeconds(60), now, 1024,
                "a".repeat(64), BackupCompleted.FORMAT_CUSTOM, BackupCompleted.COMPRESSION_ZSTD, true, true,
                List.of("s3://lifeline-backups/" + id), "manifests/" + id + ".json", "15.19", "15.19",
                Map.of("public.songs", 10L));
    }
}
