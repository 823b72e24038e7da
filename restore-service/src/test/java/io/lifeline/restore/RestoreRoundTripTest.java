package io.lifeline.restore;

import static io.lifeline.restore.TestBackups.config;
import static io.lifeline.restore.TestBackups.db;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.archive.manifest.Manifest;
import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreStarted;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A backup in backup-service's format (made with the shared backup-archive code), restored over a
 * damaged target through REST: verified, restored beside it, swapped, the old data kept, events told.
 */
@QuarkusTest
class RestoreRoundTripTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aDamagedTargetGetsItsBackupBackThroughASwap() throws Exception {
        String target = "roundtrip";
        Map<String, Long> original = TestBackups.rowCounts(db(target));
        Manifest backup = TestBackups.lifeline(target, Instant.now().minusSeconds(600),
                Path.of(config("lifeline.test.recipient-key")), true);
        // The damage the restore must undo: rows gone, a table emptied.
        TestBackups.execute(db(target), "DELETE FROM plays WHERE id % 3 = 0; DELETE FROM strategy_configs");
        assertThat(TestBackups.rowCounts(db(target))).isNotEqualTo(original);

        String requestId = "req-roundtrip-" + System.nanoTime();
        String body = "{\"target\":\"" + target + "\",\"requestId\":\"" + requestId
                + "\",\"selector\":{\"kind\":\"latest-verified\"}}";
        String restoreId = given().auth().oauth2(TestTokens.operator()).contentType("application/json").body(body)
                .when().post("/restores")
                .then().statusCode(202).body("outcome", equalTo("started"))
                .extract().path("restoreId");
        // The same request id again is the same restore.
        given().auth().oauth2(TestTokens.operator()).contentType("application/json").body(body)
                .when().post("/restores")
                .then().statusCode(202).body("outcome", equalTo("duplicate")).body("restoreId", equalTo(restoreId));

        try (EventTopics topics = EventTopics.fromConfig()) {
            ReceivedEvent<RestoreStarted> started = topics.awaitEvents(EventTypes.RESTORE_STARTED, 1,
                    e -> e.restoreId().equals(restoreId), WAIT).get(0);
            assertThat(started.payload().backupId()).isEqualTo(backup.backupId());

            RestoreCompleted done = topics.awaitEvents(EventTypes.RESTORE_COMPLETED, 1,
                    e -> e.restoreId().equals(restoreId), WAIT).get(0).payload();
            assertThat(done.backupId()).isEqualTo(backup.backupId());
            assertThat(done.requestId()).isEqualTo(requestId);
            assertThat(done.backupTakenAt()).isEqualTo(backup.startedAt());
            assertThat(done.verification().rowCountsMatch()).isTrue();
            assertThat(done.verification().mismatches()).isEmpty();
            assertThat(done.verification().tablesChecked()).isEqualTo(backup.tableRowCounts().size());
            assertThat(done.verification().objectsChecked()).isGreaterThan(10);
            assertThat(done.verification().missingObjects()).isEmpty();
            assertThat(done.verification().amcheckClean()).isTrue();
            assertThat(done.stageMillis()).containsKeys("fetch", "verify", "decrypt", "check", "safety-dump",
                    "restore", "verify-restore", "swap");
            assertThat(done.totalMillis()).isPositive().isLessThan(done.rtoMillis());
            assertThat(done.rtoMillis()).isEqualTo(Duration.ofHours(4).toMillis());
            assertThat(done.withinRto()).isTrue();

            // The target has the backup's data again, every table, index and constraint.
            assertThat(TestBackups.rowCounts(db(target))).isEqualTo(original);
            // The damaged database is kept beside it, and an encrypted safety dump of it was written first.
            assertThat(done.previousCopy()).startsWith(db(target) + "_pre_");
            assertThat(TestBackups.rowCounts(done.previousCopy()).get("public.strategy_configs")).isZero();
            Path safety = Path.of(URI.create(done.safetyDump()));
            assertThat(safety).exists();
            assertThat(Files.readAllBytes(safety)).isNotEmpty();
            assertThat(new String(Files.readAllBytes(safety), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("strategy_configs"); // encrypted: no table name in clear
            // Nothing half-restored is left behind.
            assertThat(TestBackups.databasesStartingWith(db(target) + "_restore_")).isEmpty();

            given().when().get("/restores/" + restoreId).then().statusCode(200)
                    .body("status", equalTo("completed"))
                    .body("backupId", equalTo(backup.backupId()))
                    .body("requestedBy", equalTo("test-operator"))
                    .body("result.verification.rowCountsMatch", equalTo(true))
                    .body("stageMillis.restore", org.hamcrest.Matchers.notNullValue())
                    .body("stageMillis.swap", org.hamcrest.Matchers.notNullValue());
        }
    }
}
