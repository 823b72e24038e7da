package io.lifeline.restore;

import static io.lifeline.restore.TestBackups.db;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.archive.manifest.Manifest;
import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.restore.DrillCompleted;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** The plan's monthly backup test, on demand: its report with every field, and a failed drill is an incident. */
@QuarkusTest
class DrillTest {

    private static final String TARGET = "drill";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aDrillRestoresVerifiesDropsAndReportsAndAFailedOneOpensAnIncident() throws Exception {
        Manifest backup = TestBackups.lifeline(TARGET, Instant.now().minusSeconds(3600),
                RestoreFaultsTest.key("recipient"), true);
        Map<String, Long> before = TestBackups.rowCounts(db(TARGET));

        try (EventTopics topics = EventTopics.fromConfig()) {
            String drillId = drill();
            DrillCompleted report = topics.awaitEvents(EventTypes.DRILL_COMPLETED, 1,
                    e -> e.drillId().equals(drillId), WAIT).get(0).payload();
            assertThat(report.success()).isTrue();
            assertThat(report.backupId()).isEqualTo(backup.backupId());
            assertThat(report.backupIntegrity()).isTrue();
            assertThat(report.restoreSuccessful()).isTrue();
            assertThat(report.dataComplete()).isTrue();
            assertThat(report.rowCountsMatch()).isTrue();
            assertThat(report.durationMillis()).isPositive();
            assertThat(report.rtoMillis()).isEqualTo(Duration.ofHours(4).toMillis());
            assertThat(report.stageMillis()).containsKeys("fetch", "verify", "decrypt", "check", "restore",
                    "verify-restore").doesNotContainKeys("swap", "safety-dump");
            assertThat(report.issues()).isEmpty();
            // Thrown away afterwards; the target itself was never involved.
            assertThat(TestBackups.databasesStartingWith(db(TARGET) + "_")).isEmpty();
            assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(before);

            given().when().get("/drills/" + drillId + "/report").then().statusCode(200)
                    .contentType(containsString("text/markdown"))
                    .body(containsString("Backup file integrity: ✅"))
                    .body(containsString("Restore successful: ✅"))
                    .body(containsString("Data complete: ✅"))
                    .body(containsString("Time taken: "))
                    .body(containsString("Issues encountered: none"))
                    .body(containsString(backup.backupId()));
            given().when().get("/drills/" + drillId).then().statusCode(200)
                    .body("success", equalTo(true)).body("report.backupIntegrity", equalTo(true));

            // A newer backup that was damaged after its verification: the drill must catch it.
            Manifest damaged = TestBackups.lifeline(TARGET, Instant.now().minusSeconds(60),
                    RestoreFaultsTest.key("recipient"), false);
            TestBackups.tamper(TestBackups.localObject(damaged));
            String failedId = drill();
            DrillCompleted failed = topics.awaitEvents(EventTypes.DRILL_COMPLETED, 1,
                    e -> e.drillId().equals(failedId), WAIT).get(0).payload();
            assertThat(failed.success()).isFalse();
            assertThat(failed.backupId()).isEqualTo(damaged.backupId());
            assertThat(failed.backupIntegrity()).isFalse();
            assertThat(failed.restoreSuccessful()).isFalse();
            assertThat(failed.issues()).anySatisfy(i -> assertThat(i).contains("SHA-256"));
            IncidentOpened incident = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.kind().equals("drill.failed") && e.component().equals(TARGET), WAIT).get(0).payload();
            assertThat(incident.severity()).isEqualTo(Severity.HIGH);
            assertThat(incident.summary()).contains(failedId);
            given().when().get("/drills/" + failedId + "/report").then().statusCode(200)
                    .body(containsString("Backup file integrity: ❌"))
                    .body(containsString("FAILED"));
        }
    }

    private static String drill() {
        return given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"target\":\"" + TARGET + "\"}").when().post("/drills")
                .then().statusCode(202).extract().path("drillId");
    }
}
