package io.lifeline.restore;

import static io.lifeline.restore.TestBackups.config;
import static io.lifeline.restore.TestBackups.db;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.restore.repository.RestoreRepository;
import io.lifeline.restore.service.Housekeeping;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The restore is killed half-way (pg_restore has created the schema of the scratch database and is
 * killed): the target keeps every row, nothing half-restored stays, a second restore of the same
 * target meanwhile is refused; and what a killed service leaves is cleaned at its next start.
 */
@QuarkusTest
class KillMidRestoreTest {

    private static final String TARGET = "kill";

    @Inject
    Housekeeping housekeeping;

    @Inject
    RestoreRepository repository;

    @Test
    void killingPgRestoreMidWayLeavesTheTargetIntact() throws Exception {
        TestBackups.lifeline(TARGET, Instant.now().minusSeconds(120), RestoreFaultsTest.key("recipient"), false);
        TestBackups.execute(db(TARGET), "DELETE FROM plays WHERE id <= 100");
        Map<String, Long> before = TestBackups.rowCounts(db(TARGET));
        Path pause = Path.of(config("lifeline.test.pause-marker"));
        Files.writeString(pause, "pause");
        try (EventTopics topics = EventTopics.fromConfig()) {
            String restoreId = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                    .body("{\"target\":\"" + TARGET + "\"}").when().post("/restores")
                    .then().statusCode(202).extract().path("restoreId");
            // pg_restore is half-way: the scratch database beside the target has its tables, not its rows.
            ProcessHandle restore = await().atMost(Duration.ofSeconds(60)).until(
                    () -> pausedPgRestore(), Optional::isPresent).get();
            String scratch = db(TARGET) + "_restore_" + restoreId;
            assertThat(TestBackups.exists(scratch)).isTrue();

            given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                    .body("{\"target\":\"" + TARGET + "\"}").when().post("/restores")
                    .then().statusCode(409).body("error", containsString("already running"));

            restore.descendants().forEach(ProcessHandle::destroyForcibly);
            restore.destroyForcibly();

            RestoreFailed failed = topics.awaitEvents(EventTypes.RESTORE_FAILED, 1,
                    e -> e.restoreId().equals(restoreId), Duration.ofSeconds(60)).get(0).payload();
            assertThat(failed.stage()).isEqualTo("restore");
            assertThat(failed.targetUntouched()).isTrue();
            assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(before);
            assertThat(TestBackups.exists(scratch)).isFalse();
        } finally {
            Files.deleteIfExists(pause);
        }
    }

    @Test
    void whatAKilledServiceLeftIsCleanedAtTheNextStart() throws Exception {
        // As if the service had died mid-restore: a half-restored scratch database and a "running" record.
        String restoreId = "r20200101t000000dead";
        String scratch = db(TARGET) + "_restore_" + restoreId;
        TestBackups.execute("postgres", "CREATE DATABASE " + scratch);
        Instant past = Instant.now().minusSeconds(3600);
        repository.insert(new RestoreRecord(restoreId, "req-" + restoreId, TARGET, BackupSelector.latestVerified(),
                null, "test", "rest", RestoreRecord.RUNNING, "restore", "bk-x", null, null, false, null, null, null,
                past, past, null, null, null, null));
        Map<String, Long> before = TestBackups.rowCounts(db(TARGET));

        List<String> dropped = housekeeping.cleanUpAfterCrash();

        assertThat(dropped).contains(scratch);
        assertThat(TestBackups.exists(scratch)).isFalse();
        RestoreRecord record = repository.find(restoreId).orElseThrow();
        assertThat(record.status()).isEqualTo(RestoreRecord.FAILED);
        assertThat(record.reason()).contains("interrupted").contains("the target was not changed");
        assertThat(record.targetUntouched()).isTrue();
        assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(before);
    }

    /** The pausable pg_restore wrapper of RestoreEnvironment, once it sleeps after restoring the schema. */
    private static Optional<ProcessHandle> pausedPgRestore() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("pg_restore-pausable.sh"))
                .filter(p -> p.children().anyMatch(c -> c.info().command().orElse("").endsWith("sleep")))
                .findFirst();
    }
}
