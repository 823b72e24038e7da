package io.lifeline.restore;

import static io.lifeline.restore.TestBackups.config;
import static io.lifeline.restore.TestBackups.db;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.archive.manifest.Manifest;
import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 copy is damaged, the local one is good: the restore uses the local copy and says so. */
@QuarkusTest
class S3FallbackTest {

    static final String TARGET = "fallback";

    @Test
    void aBadS3CopyFallsBackToTheLocalCopy() throws Exception {
        Map<String, Long> original = TestBackups.rowCounts(db(TARGET));
        Manifest backup = TestBackups.lifeline(TARGET, Instant.now().minusSeconds(7200),
                RestoreFaultsTest.key("recipient"), true);
        Path damaged = Files.createTempFile("s3-copy-", ".gpg");
        Files.copy(TestBackups.localObject(backup), damaged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TestBackups.tamper(damaged);
        try (S3Client s3 = S3Clients.fromConfig()) {
            s3.putObject(r -> r.bucket(config("lifeline.s3.bucket"))
                    .key("backups/" + TARGET + "/" + backup.object().name()), RequestBody.fromFile(damaged));
        }
        TestBackups.execute(db(TARGET), "DELETE FROM songs WHERE id NOT IN (SELECT song_id FROM plays)");
        TestBackups.execute(db(TARGET), "DELETE FROM plays");

        String restoreId = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"target\":\"" + TARGET + "\",\"backupId\":\"" + backup.backupId() + "\"}")
                .when().post("/restores").then().statusCode(202).extract().path("restoreId");
        try (EventTopics topics = EventTopics.fromConfig()) {
            RestoreCompleted done = topics.awaitEvents(EventTypes.RESTORE_COMPLETED, 1,
                    e -> e.restoreId().equals(restoreId), Duration.ofSeconds(120)).get(0).payload();
            assertThat(done.warnings()).anySatisfy(w -> assertThat(w).startsWith("other copies failed")
                    .contains("s3://").contains("SHA-256"));
        }
        assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(original);
    }
}
