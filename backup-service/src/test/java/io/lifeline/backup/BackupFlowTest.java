package io.lifeline.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.lifeline.archive.manifest.Manifest;
import io.lifeline.backup.pipeline.PipelineSelfTest;
import io.lifeline.events.EventTypes;
import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.events.backup.BackupStarted;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.PlatformDatabase;
import io.lifeline.testsupport.ReceivedEvent;
import io.lifeline.testsupport.S3TestResource;
import io.lifeline.testsupport.TestDatabase;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A backup of a platform-shaped database, end to end against real PostgreSQL, S3 and Kafka: the
 * event, the manifest's row counts, and a break-glass restore with gpg, zstd and pg_restore alone.
 */
@QuarkusTest
class BackupFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    PipelineSelfTest selfTest;

    @Test
    void theStartupSelfTestFindsOnlyTheDatabaseThatIsDownOnPurpose() {
        assertThat(selfTest.ran()).isTrue();
        assertThat(selfTest.recipientsUsable()).isTrue();
        assertThat(selfTest.pgDumpUsable()).isTrue();
        // The test configuration has a database "down" (a closed port) for the failure tests: it is
        // reported, and nothing about the key, pg_dump, the folder or the bucket is.
        assertThat(selfTest.problem()).startsWith("database 'down' cannot be read now").doesNotContain(";");
        given().when().get("/q/health/ready").then()
                .body("checks.find { it.name == 'backup-pipeline' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'backup-pipeline' }.data.selfTest", equalTo("failed"));
    }

    @Test
    void aBackupIsStoredTwiceVerifiedAndRestorableWithStandardTools() throws Exception {
        String backupId = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"database\":\"mycelix\"}")
                .when().post("/backups")
                .then().statusCode(202).body("outcome", equalTo("started"))
                .extract().path("backupId");

        try (EventTopics topics = EventTopics.fromConfig()) {
            ReceivedEvent<BackupStarted> started = topics.awaitEvents(EventTypes.BACKUP_STARTED, 1,
                    e -> e.backupId().equals(backupId), WAIT).get(0);
            assertThat(started.payload().trigger()).isEqualTo("rest");

            ReceivedEvent<BackupCompleted> completed = topics.awaitEvents(EventTypes.BACKUP_COMPLETED, 1,
                    e -> e.backupId().equals(backupId), WAIT).get(0);
            BackupCompleted backup = completed.payload();
            assertThat(completed.key()).isEqualTo(backupId);
            assertThat(completed.ceType()).isEqualTo("lifeline.backup.completed");
            assertThat(completed.ceSubject()).isEqualTo("mycelix");
            assertThat(backup.verified()).isTrue();
            assertThat(backup.encrypted()).isTrue();
            assertThat(backup.format()).isEqualTo("custom");
            assertThat(backup.compression()).isEqualTo("zstd");
            assertThat(backup.warnings()).isEmpty();
            assertThat(backup.locations()).hasSize(2)
                    .anySatisfy(l -> assertThat(l).startsWith("file:"))
                    .anySatisfy(l -> assertThat(l).startsWith("s3://" + S3TestResource.BUCKET + "/backups/mycelix/"));
            assertThat(backup.tableRowCounts())
                    .containsEntry("public.songs", (long) ProtectedDatabaseResource.SONGS)
                    .containsEntry("public.plays", (long) ProtectedDatabaseResource.PLAYS)
                    .containsKeys(PlatformDatabase.TABLES.toArray(String[]::new));

            given().when().get("/backups/" + backupId).then().statusCode(200)
                    .body("status", equalTo("completed")).body("verified", equalTo(true))
                    .body("verificationLevel", equalTo("full"));
            given().when().get("/backups/latest?database=mycelix").then().statusCode(200)
                    .body("backupId", equalTo(backupId));

            Path local = Path.of(java.net.URI.create(backup.locations().stream()
                    .filter(l -> l.startsWith("file:")).findFirst().orElseThrow()));
            assertThat(local.resolveSibling(backupId + ".manifest.json")).exists();
            assertThat(local.resolveSibling(backupId + ".verification.json")).exists();
            assertThat(Files.size(local)).isEqualTo(backup.sizeBytes());

            // Break glass: fetch the S3 copy, decrypt with gpg, decompress with zstd, restore with pg_restore.
            Path fetched = Files.createTempDirectory("fetched-").resolve(backupId + ".dump.zst.gpg");
            try (S3Client s3 = S3Clients.fromConfig()) {
                String key = backup.locations().stream().filter(l -> l.startsWith("s3://")).findFirst().orElseThrow()
                        .substring(("s3://" + S3TestResource.BUCKET + "/").length());
                s3.getObject(r -> r.bucket(S3TestResource.BUCKET).key(key), fetched);
                assertThat(s3.headObject(r -> r.bucket(S3TestResource.BUCKET)
                        .key(key.replace(".dump.zst.gpg", ".manifest.json"))).contentLength()).isPositive();
            }
            try (TestDatabase restored = TestDatabase.create("restored")) {
                Shell.run("gpg --homedir \"$GNUPGHOME\" --batch --decrypt '" + fetched + "' | zstd -d -c"
                        + " | pg_restore --no-owner --dbname '" + restored.jdbcUrl().replace("jdbc:", "")
                        + "?user=" + restored.user() + "'",
                        Map.of("GNUPGHOME", config("lifeline.test.gnupghome")));
                assertThat(PlatformDatabase.rowCounts(restored)).containsAllEntriesOf(
                        backup.tableRowCounts().entrySet().stream()
                                .filter(e -> PlatformDatabase.TABLES.contains(e.getKey()))
                                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
                try (java.sql.Connection original = TestDatabase.connect(config("lifeline.test.protected-db"))) {
                    assertThat(PlatformDatabase.constraintCount(restored))
                            .isEqualTo(PlatformDatabase.constraintCount(original)).isGreaterThan(10);
                }
            } finally {
                Files.deleteIfExists(fetched);
            }

            // The configuration artefacts: a second encrypted object, listed in the manifest, opened with gpg.
            Manifest manifest = new io.lifeline.archive.manifest.ManifestCodec().manifest(
                    Files.readAllBytes(local.resolveSibling(backupId + ".manifest.json")));
            assertThat(manifest.artefacts().files()).hasSize(2);
            assertThat(manifest.artefacts().locations()).hasSize(2);
            Path zip = Files.createTempFile("artefacts-", ".zip");
            Shell.run("gpg --homedir \"$GNUPGHOME\" --batch --yes --decrypt --output '" + zip + "' '"
                    + local.resolveSibling(manifest.artefacts().name()) + "'",
                    Map.of("GNUPGHOME", config("lifeline.test.gnupghome")));
            try (java.util.zip.ZipFile archive = new java.util.zip.ZipFile(zip.toFile())) {
                assertThat(archive.stream().map(java.util.zip.ZipEntry::getName))
                        .anySatisfy(n -> assertThat(n).endsWith(".env.example"))
                        .anySatisfy(n -> assertThat(n).endsWith("contracts/addresses.json"));
            } finally {
                Files.deleteIfExists(zip);
            }

            // Tamper with one byte of the local copy: verification catches it, the S3 copy still passes.
            byte[] one = new byte[1];
            try (var channel = Files.newByteChannel(local, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long middle = Files.size(local) / 2;
                channel.position(middle).read(java.nio.ByteBuffer.wrap(one));
                one[0] ^= 0x01;
                channel.position(middle).write(java.nio.ByteBuffer.wrap(one));
            }
            given().auth().oauth2(TestTokens.operator()).when().post("/backups/" + backupId + "/verify")
                    .then().statusCode(200)
                    .body("ok", equalTo(false))
                    .body("locations.find { it.location.startsWith('file:') }.ok", equalTo(false))
                    .body("locations.find { it.location.startsWith('s3:') }.ok", equalTo(true));
            given().when().get("/backups/" + backupId).then().body("verified", equalTo(false));
        }
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }
}
