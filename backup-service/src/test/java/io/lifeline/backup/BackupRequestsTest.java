package io.lifeline.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.lifeline.backup.service.BackupService;
import io.lifeline.backup.service.OnWorker;
import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.Topics;
import io.lifeline.events.backup.BackupFailed;
import io.lifeline.events.backup.BackupRequested;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentUpdated;
import io.lifeline.events.incident.Severity;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Triggers and their edge cases: events, duplicates, bad input, a database that is down. */
@QuarkusTest
class BackupRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    BackupService backups;

    @Test
    void theSameRequestIdTwiceStartsOneBackup() {
        String requestId = "req-" + UUID.randomUUID();
        String event = EventCodec.encode(EventTypes.BACKUP_REQUESTED,
                new BackupRequested(requestId, "mycelix", BackupRequested.TRIGGER_EVENT, "test", Instant.now()));
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.sendRaw(Topics.BACKUP_REQUESTED, "mycelix", event, Map.of());
            topics.sendRaw(Topics.BACKUP_REQUESTED, "mycelix", event, Map.of());

            String backupId = topics.awaitEvents(EventTypes.BACKUP_COMPLETED, 1,
                    e -> e.requestId().equals(requestId), WAIT).get(0).payload().backupId();
            // Both requests were consumed (the backup completed after both were sent); exactly one started.
            long started = topics.readAll(Topics.BACKUP_STARTED).stream()
                    .map(r -> EventCodec.decode(EventTypes.BACKUP_STARTED, r.value()))
                    .filter(e -> e.requestId().equals(requestId)).count();
            assertThat(started).isEqualTo(1);

            String again = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                    .body("{\"database\":\"mycelix\",\"requestId\":\"" + requestId + "\"}")
                    .when().post("/backups").then().statusCode(202).body("outcome", equalTo("duplicate"))
                    .extract().path("backupId");
            assertThat(again).isEqualTo(backupId);
        }
    }

    @Test
    void anUnreadableRequestIsDeadLetteredWithTheReason() {
        String marker = UUID.randomUUID().toString();
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.sendRaw(Topics.BACKUP_REQUESTED, "x", "{\"requestId\":\"" + marker + "\"}", Map.of());
            var dead = topics.awaitRecords(Topics.deadLetter("backup-service"), 1, r -> r.value().contains(marker), WAIT);
            assertThat(EventTopics.headers(dead.get(0)).get("dead-letter-reason")).contains("$.database");
        }
    }

    @Test
    void aDatabaseThatIsDownFailsAtConnectAndWritesNothing() {
        String backupId = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"database\":\"down\"}").when().post("/backups")
                .then().statusCode(202).extract().path("backupId");
        try (EventTopics topics = EventTopics.fromConfig()) {
            BackupFailed failed = topics.awaitEvents(EventTypes.BACKUP_FAILED, 1, e -> e.backupId().equals(backupId),
                    WAIT).get(0).payload();
            assertThat(failed.stage()).isEqualTo("connect");
            assertThat(failed.reason()).contains("down").doesNotContain("password");
            assertThat(failed.copiesKept()).isEmpty();
        }
        Path dir = Path.of(ConfigProvider.getConfig().getValue("lifeline.backup.local.dir", String.class), "down");
        assertThat(!Files.exists(dir) || dir.toFile().list().length == 0).isTrue();
        given().when().get("/backups/" + backupId).then().body("status", equalTo("failed"))
                .body("failureStage", equalTo("connect"));
    }

    @Test
    void aFailedScheduledBackupOpensAHighIncidentAndASecondOneMakesItCritical() {
        Instant testStart = Instant.now();
        String first = scheduledBackupOf("down");
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.awaitEvents(EventTypes.BACKUP_FAILED, 1, e -> e.backupId().equals(first), WAIT);
            IncidentOpened opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.incident().dedupKey().equals("down/backup.failed")
                            && !e.incident().openedAt().isBefore(testStart), WAIT).get(0).payload();
            assertThat(opened.incident().severity()).isEqualTo(Severity.HIGH);

            String second = scheduledBackupOf("down");
            topics.awaitEvents(EventTypes.BACKUP_FAILED, 1, e -> e.backupId().equals(second), WAIT);
            List<IncidentUpdated> updates = topics.awaitEvents(EventTypes.INCIDENT_UPDATED, 1,
                    e -> e.incidentId().equals(opened.incident().id()), WAIT).stream().map(r -> r.payload()).toList();
            assertThat(updates.get(0).severity()).isEqualTo(Severity.CRITICAL);
        }
    }

    /** What the cron trigger does, for one database, with a fresh request id. */
    private String scheduledBackupOf(String database) {
        return OnWorker.await(() -> backups.request(database, "schedule-test-" + UUID.randomUUID(),
                BackupRequested.TRIGGER_SCHEDULE)).backupId();
    }

    @Test
    void startingABackupNeedsAnOperator() {
        given().contentType("application/json").body("{\"database\":\"mycelix\"}").when().post("/backups")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.approver()).contentType("application/json").body("{\"database\":\"mycelix\"}")
                .when().post("/backups").then().statusCode(403);
    }

    @Test
    void anUnknownDatabaseIs400WithTheReason() {
        given().auth().oauth2(TestTokens.operator()).contentType("application/json").body("{\"database\":\"nope\"}")
                .when().post("/backups").then().statusCode(400).body("error", containsString("unknown database 'nope'"));
        given().auth().oauth2(TestTokens.operator()).contentType("application/json").body("{}")
                .when().post("/backups").then().statusCode(400);
    }

    @Test
    void anUnknownBackupIs404() {
        given().when().get("/backups/bkp-none").then().statusCode(404).body("error", containsString("bkp-none"));
    }
}
