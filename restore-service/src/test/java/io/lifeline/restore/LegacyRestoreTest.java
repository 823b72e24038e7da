package io.lifeline.restore;

import static io.lifeline.restore.TestBackups.config;
import static io.lifeline.restore.TestBackups.db;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Backups of the old scripts/backup.sh, made by its real commands (pg_dump | gzip -9 | openssl enc
 * -aes-256-cbc -salt -pass), restored without any openssl binary: from disk (encrypted) and from
 * the bucket's backups/ prefix (plain .sql.gz); a truncated one is refused before the target is touched.
 */
@QuarkusTest
class LegacyRestoreTest {

    private static final String TARGET = "legacy";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void oldEncryptedAndPlainBackupsRestoreAndATruncatedOneIsRefused() throws Exception {
        Map<String, Long> original = TestBackups.rowCounts(db(TARGET));
        Path legacyDir = Path.of(config("lifeline.restore.legacy-dir"));
        Path encrypted = TestBackups.legacy(TARGET, "legacy_backup_20251201_020000.sql.gz.enc", true, legacyDir);
        assertThat(new String(Arrays.copyOf(Files.readAllBytes(encrypted), 8))).isEqualTo("Salted__");
        Path plain = TestBackups.legacy(TARGET, "plain-upload.sql.gz", false, Files.createTempDirectory("old-"));
        try (S3Client s3 = S3Clients.fromConfig()) {
            s3.putObject(r -> r.bucket(config("lifeline.s3.bucket")).key("backups/legacy_backup_20251202_020000.sql.gz"),
                    RequestBody.fromFile(plain));
        }
        byte[] whole = Files.readAllBytes(encrypted);
        Files.write(legacyDir.resolve("legacy_backup_20251203_020000.sql.gz.enc"),
                Arrays.copyOf(whole, whole.length / 2));

        try (EventTopics topics = EventTopics.fromConfig()) {
            TestBackups.execute(db(TARGET), "DELETE FROM plays; DELETE FROM songs WHERE id <> 'song-1'");
            Map<String, Long> damaged = TestBackups.rowCounts(db(TARGET));

            String truncated = restore("legacy_backup_20251203_020000");
            RestoreFailed refused = topics.awaitEvents(EventTypes.RESTORE_FAILED, 1,
                    e -> e.restoreId().equals(truncated), WAIT).get(0).payload();
            assertThat(refused.stage()).isEqualTo("decrypt");
            assertThat(refused.targetUntouched()).isTrue();
            assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(damaged);

            String fromDisk = restore("legacy_backup_20251201_020000");
            RestoreCompleted done = topics.awaitEvents(EventTypes.RESTORE_COMPLETED, 1,
                    e -> e.restoreId().equals(fromDisk), WAIT).get(0).payload();
            assertThat(done.warnings()).anySatisfy(w -> assertThat(w).contains("no manifest"))
                    .anySatisfy(w -> assertThat(w).isEqualTo("songs: " + RestoreEnvironment.SONGS + " rows"))
                    .anySatisfy(w -> assertThat(w).isEqualTo("plays: " + RestoreEnvironment.PLAYS + " rows"));
            assertThat(done.verification().rowCountsMatch()).isTrue();
            assertThat(done.verification().tablesChecked()).isEqualTo(original.size());
            assertThat(done.backupTakenAt()).isEqualTo(java.time.Instant.parse("2025-12-01T02:00:00Z"));
            assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(original);

            TestBackups.execute(db(TARGET), "DELETE FROM plays");
            String fromBucket = restore("legacy_backup_20251202_020000");
            topics.awaitEvents(EventTypes.RESTORE_COMPLETED, 1, e -> e.restoreId().equals(fromBucket), WAIT);
            assertThat(TestBackups.rowCounts(db(TARGET))).isEqualTo(original);
        }
    }

    private static String restore(String backupId) {
        return given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"target\":\"" + TARGET + "\",\"backupId\":\"" + backupId + "\"}")
                .when().post("/restores").then().statusCode(202).extract().path("restoreId");
    }
}
