package io.lifeline.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lifeline.backup.catalog.BackupRecord;
import io.lifeline.backup.service.OnWorker;
import io.lifeline.events.EventTypes;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;

/** The catalog is a cache: lose it, and the manifests in the stores bring it back. */
@QuarkusTest
class CatalogRebuildTest {

    @Test
    void aLostCatalogIsRebuiltFromTheManifestsAlone() {
        String requestId = "req-" + UUID.randomUUID();
        String backupId = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body("{\"database\":\"mycelix\",\"requestId\":\"" + requestId + "\"}").when().post("/backups")
                .then().statusCode(202).extract().path("backupId");
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.awaitEvents(EventTypes.BACKUP_COMPLETED, 1, e -> e.backupId().equals(backupId), Duration.ofSeconds(120));
        }
        String sha = given().when().get("/backups/" + backupId).then().statusCode(200).extract().path("sha256");

        OnWorker.await(() -> Panache.withTransaction(() -> BackupRecord.deleteAll()));
        given().when().get("/backups/" + backupId).then().statusCode(404);

        int rebuilt = given().auth().oauth2(TestTokens.operator()).when().post("/backups/catalog/rebuild")
                .then().statusCode(200).extract().path("backups");

        assertThat(rebuilt).isGreaterThanOrEqualTo(1);
        given().when().get("/backups/" + backupId).then().statusCode(200)
                .body("sha256", equalTo(sha))
                .body("requestId", equalTo(requestId))
                .body("locations.size()", equalTo(2));
    }
}
