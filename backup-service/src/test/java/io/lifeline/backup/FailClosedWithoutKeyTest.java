package io.lifeline.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.backup.pipeline.PipelineSelfTest;
import io.lifeline.events.backup.BackupFailed;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.s3.S3Client;

/** Encryption configured to nobody: the backup fails closed, and not one byte is written anywhere. */
@QuarkusTest
@TestProfile(FailClosedWithoutKeyTest.NoRecipients.class)
class FailClosedWithoutKeyTest {

    public static class NoRecipients implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.backup.encryption.recipients", "");
        }
    }

    @Inject
    PipelineSelfTest selfTest;

    @Test
    void theStartupSelfTestAlreadyReportedTheMissingKeyAndTheServiceIsNotReady() {
        assertThat(selfTest.passed()).isFalse();
        assertThat(selfTest.problem()).contains("no recipient public key");
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'backup-pipeline' }.status", org.hamcrest.Matchers.equalTo("DOWN"))
                .body("checks.find { it.name == 'backup-pipeline' }.data.problem",
                        org.hamcrest.Matchers.containsString("no recipient public key"));
    }

    @Test
    void withoutARecipientKeyNothingIsWrittenAndTheFailureSaysWhy() throws Exception {
        String backupId = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"database\":\"mycelix\"}").when().post("/backups")
                .then().statusCode(202).extract().path("backupId");
        try (EventTopics topics = EventTopics.fromConfig()) {
            BackupFailed failed = topics.awaitEvents(EventTypes.BACKUP_FAILED, 1, e -> e.backupId().equals(backupId),
                    Duration.ofSeconds(60)).get(0).payload();
            assertThat(failed.stage()).isEqualTo("encrypt");
            assertThat(failed.reason()).contains("no recipient public key").contains("unencrypted");
            assertThat(failed.copiesKept()).isEmpty();
        }
        Path dir = Path.of(ConfigProvider.getConfig().getValue("lifeline.backup.local.dir", String.class));
        try (Stream<Path> files = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> p.toString().contains(backupId))).isEmpty();
        }
        try (S3Client s3 = S3Clients.fromConfig()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(ConfigProvider.getConfig().getValue("lifeline.s3.bucket",
                    String.class))).contents()).noneMatch(o -> o.key().contains(backupId));
        }
    }
}
