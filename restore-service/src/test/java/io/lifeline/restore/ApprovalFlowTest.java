package io.lifeline.restore;

import static io.lifeline.restore.TestBackups.db;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.archive.manifest.Manifest;
import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** A restore that needs a person's yes: it waits, runs once approved (approver recorded), or times out. */
@QuarkusTest
class ApprovalFlowTest {

    private static final String TARGET = "approval";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aRestoreWaitsForItsApprovalThenRuns() throws Exception {
        Manifest backup = TestBackups.lifeline(TARGET, Instant.now().minusSeconds(300),
                RestoreFaultsTest.key("recipient"), false);
        TestBackups.execute(db(TARGET), "DELETE FROM plays");
        String restoreId = request();
        given().when().get("/restores/" + restoreId).then().statusCode(200)
                .body("status", equalTo("awaiting-approval")).body("approvalRequired", equalTo(true));
        assertThat(TestBackups.rowCounts(db(TARGET)).get("public.plays")).isZero();

        // An operator may ask for a restore, but not approve it.
        given().auth().oauth2(TestTokens.operator()).when().post("/restores/" + restoreId + "/approve")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.approver()).when().post("/restores/" + restoreId + "/approve")
                .then().statusCode(200).body("approvedBy", equalTo("test-approver"));
        given().auth().oauth2(TestTokens.approver()).when().post("/restores/" + restoreId + "/approve")
                .then().statusCode(409);

        try (EventTopics topics = EventTopics.fromConfig()) {
            RestoreCompleted done = topics.awaitEvents(EventTypes.RESTORE_COMPLETED, 1,
                    e -> e.restoreId().equals(restoreId), WAIT).get(0).payload();
            assertThat(done.backupId()).isEqualTo(backup.backupId());
        }
        assertThat(TestBackups.rowCounts(db(TARGET)).get("public.plays")).isEqualTo((long) RestoreEnvironment.PLAYS);
        given().when().get("/restores/" + restoreId).then()
                .body("status", equalTo("completed")).body("approvedBy", equalTo("test-approver"));
    }

    @Test
    void aRestoreNobodyApprovesTimesOutAndTouchesNothing() throws Exception {
        Map<String, Long> before = TestBackups.rowCounts(db(TARGET));
        String restoreId = request();
        try (EventTopics topics = EventTopics.fromConfig()) {
            RestoreFailed failed = topics.awaitEvents(EventTypes.RESTORE_FAILED, 1,
                    e -> e.restoreId().equals(restoreId), WAIT).get(0).payload();
            assertThat(failed.stage()).isEqualTo("approval");
            assertThat(failed.reason()).contains("not approved within");
            assertThat(failed.targetUntouched()).isTrue();
        }
        given().auth().oauth2(TestTokens.approver()).when().post("/restores/" + restoreId + "/approve")
                .then().statusCode(409);
        assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(before);
    }

    private static String request() {
        return given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"target\":\"" + TARGET + "\",\"approvalRequired\":true}")
                .when().post("/restores")
                .then().statusCode(202).body("outcome", equalTo("awaiting-approval"))
                .extract().path("restoreId");
    }
}
