package io.lifeline.restore;

import static io.lifeline.restore.TestBackups.config;
import static io.lifeline.restore.TestBackups.db;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.archive.manifest.Manifest;
import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.events.restore.RestoreRequested;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Bad backups and bad requests: a clear restore.failed or 4xx, and the target exactly as it was. */
@QuarkusTest
class RestoreFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String TARGET = "faults";

    @Test
    void tamperedAndWrongKeyBackupsAreRejectedBeforeTheTargetIsTouched() throws Exception {
        Instant base = Instant.now().minus(5, ChronoUnit.HOURS);
        Manifest good = TestBackups.lifeline(TARGET, base, key("recipient"), false);
        Manifest tampered = TestBackups.lifeline(TARGET, base.plusSeconds(60), key("recipient"), false);
        TestBackups.tamper(TestBackups.localObject(tampered));
        Manifest wrongKey = TestBackups.lifeline(TARGET, base.plusSeconds(120), key("stranger"), false);
        TestBackups.execute(db(TARGET), "INSERT INTO strategy_configs (name, payload, published)"
                + " VALUES ('after-the-backups', '{}', false)");
        Map<String, Long> before = TestBackups.rowCounts(db(TARGET));

        try (EventTopics topics = EventTopics.fromConfig()) {
            RestoreFailed tamperedFailure = restoreAndFail(topics, "{\"kind\":\"id\",\"backupId\":\""
                    + tampered.backupId() + "\"}");
            assertThat(tamperedFailure.stage()).isEqualTo("verify");
            assertThat(tamperedFailure.reason()).contains("SHA-256").contains(good.backupId());
            assertThat(tamperedFailure.backupId()).isEqualTo(tampered.backupId());
            assertThat(tamperedFailure.targetUntouched()).isTrue();
            assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(before);

            RestoreFailed wrongKeyFailure = restoreAndFail(topics, "{\"kind\":\"id\",\"backupId\":\""
                    + wrongKey.backupId() + "\"}");
            assertThat(wrongKeyFailure.stage()).isEqualTo("decrypt");
            assertThat(wrongKeyFailure.reason()).contains("not encrypted to the configured");
            assertThat(wrongKeyFailure.targetUntouched()).isTrue();
            assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(before);
            assertThat(TestBackups.databasesStartingWith(db(TARGET) + "_restore_")).isEmpty();

            RestoreFailed unknown = restoreAndFail(topics, "{\"kind\":\"id\",\"backupId\":\"bk-does-not-exist\"}");
            assertThat(unknown.stage()).isEqualTo("select");
            assertThat(unknown.reason()).contains("unknown backup");

            String unreachable = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                    .body("{\"target\":\"unreachable\"}").when().post("/restores")
                    .then().statusCode(202).extract().path("restoreId");
            RestoreFailed down = topics.awaitEvents(EventTypes.RESTORE_FAILED, 1,
                    e -> e.restoreId().equals(unreachable), WAIT).get(0).payload();
            assertThat(down.stage()).isEqualTo("connect");
            assertThat(down.reason()).contains("unreachable");
            assertThat(down.targetUntouched()).isTrue();
            given().when().get("/restores/" + unreachable).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("failed"))
                    .body("stage", org.hamcrest.Matchers.equalTo("connect"));
        }
    }

    @Test
    void latestVerifiedFallsBackToTheNextOlderGoodBackupAndSaysWhy() throws Exception {
        Instant base = Instant.now().minus(30, ChronoUnit.MINUTES);
        Manifest good = TestBackups.lifeline(TARGET, base, key("recipient"), false);
        Manifest tampered = TestBackups.lifeline(TARGET, base.plusSeconds(60), key("recipient"), false);
        TestBackups.tamper(TestBackups.localObject(tampered));
        Manifest wrongKey = TestBackups.lifeline(TARGET, base.plusSeconds(120), key("stranger"), false);

        String restoreId = post("{\"kind\":\"latest-verified\"}");
        try (EventTopics topics = EventTopics.fromConfig()) {
            RestoreCompleted done = topics.awaitEvents(EventTypes.RESTORE_COMPLETED, 1,
                    e -> e.restoreId().equals(restoreId), WAIT).get(0).payload();
            assertThat(done.backupId()).isEqualTo(good.backupId());
            assertThat(done.skippedBackups()).hasSize(2)
                    .anySatisfy(s -> assertThat(s).startsWith(wrongKey.backupId() + ": decrypt:"))
                    .anySatisfy(s -> assertThat(s).startsWith(tampered.backupId() + ": verify:").contains("SHA-256"));
            assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(good.tableRowCounts());
        }
    }

    @Test
    void targetsOutsideTheAllowlistAreRefusedOverRestAndKafka() {
        given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"target\":\"postgres\"}")
                .when().post("/restores")
                .then().statusCode(400).body("error", containsString("allowlist"));
        given().contentType("application/json").body("{\"target\":\"" + TARGET + "\"}")
                .when().post("/restores").then().statusCode(401);

        String requestId = "req-not-allowed-" + System.nanoTime();
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.sendRaw("restore.requested", "template1", EventCodec.encode(EventTypes.RESTORE_REQUESTED,
                    new RestoreRequested(requestId, "template1", BackupSelector.latestVerified(), null, "test",
                            Instant.now())), Map.of());
            RestoreFailed refused = topics.awaitEvents(EventTypes.RESTORE_FAILED, 1,
                    e -> e.requestId().equals(requestId), WAIT).get(0).payload();
            assertThat(refused.stage()).isEqualTo("request");
            assertThat(refused.reason()).contains("not in the restore allowlist");
            assertThat(refused.targetUntouched()).isTrue();
        }
    }

    private static RestoreFailed restoreAndFail(EventTopics topics, String selector) {
        String restoreId = post(selector);
        return topics.awaitEvents(EventTypes.RESTORE_FAILED, 1, e -> e.restoreId().equals(restoreId), WAIT).get(0)
                .payload();
    }

    private static String post(String selector) {
        return given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"target\":\"" + TARGET + "\",\"selector\":" + selector + "}")
                .when().post("/restores")
                .then().statusCode(202).extract().path("restoreId");
    }

    static Path key(String who) {
        return Path.of(config("lifeline.test." + who + "-key"));
    }
}
