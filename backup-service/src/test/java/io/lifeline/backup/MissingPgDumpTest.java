package io.lifeline.backup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** pg_dump missing on the host: the service says so when it starts, and is not ready, as no backup could run. */
@QuarkusTest
@TestProfile(MissingPgDumpTest.NoPgDump.class)
class MissingPgDumpTest {

    public static class NoPgDump implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.backup.pg-dump-command", "/nonexistent/bin/pg_dump");
        }
    }

    @Test
    void readinessNamesTheMissingPgDump() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'backup-pipeline' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'backup-pipeline' }.data.problem",
                        containsString("pg_dump not found ('/nonexistent/bin/pg_dump')"));
    }
}
