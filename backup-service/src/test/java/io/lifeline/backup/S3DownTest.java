package io.lifeline.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.FreePorts;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** S3 unreachable for the whole run: the verified local copy is kept, the upload retried, and the event says so. */
@QuarkusTest
@TestProfile(S3DownTest.S3Unreachable.class)
class S3DownTest {

    public static class S3Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.backup.s3.endpoint", "http://127.0.0.1:" + FreePorts.next());
        }
    }

    @Test
    void theLocalCopyIsKeptVerifiedAndTheMissingS3CopyIsReported() {
        String backupId = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"database\":\"mycelix\"}").when().post("/backups")
                .then().statusCode(202).extract().path("backupId");
        try (EventTopics topics = EventTopics.fromConfig()) {
            BackupCompleted completed = topics.awaitEvents(EventTypes.BACKUP_COMPLETED, 1,
                    e -> e.backupId().equals(backupId), Duration.ofSeconds(120)).get(0).payload();
            assertThat(completed.verified()).isTrue();
            assertThat(completed.locations()).singleElement().satisfies(l -> assertThat(l).startsWith("file:"));
            assertThat(completed.warnings()).hasSize(2)
                    .anySatisfy(w -> assertThat(w).contains("S3 copy missing, local copy kept").contains("2 attempts"))
                    .anySatisfy(w -> assertThat(w).contains("S3 copy of the configuration artefacts missing"));
            assertThat(Path.of(java.net.URI.create(completed.locations().get(0)))).exists();
        }
        given().when().get("/backups/" + backupId).then().body("status", equalTo("completed"))
                .body("locations.size()", equalTo(1));
    }
}
