package io.lifeline.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Reading is open; running a probe (which can open or resolve an incident) needs an operator's token. */
@QuarkusTest
class ProbeResourceSecurityTest {

    @Test
    void anyoneMayListTheProbes() {
        given().when().get("/probes")
                .then().statusCode(200).body("name", hasItem("api")).body("component", hasItem("api"));
    }

    @Test
    void runningAProbeWithoutATokenIs401() {
        given().when().post("/probes/api/run").then().statusCode(401);
    }

    @Test
    void anExpiredTokenIs401() {
        given().auth().oauth2(TestTokens.expired("operator")).when().post("/probes/api/run").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        given().auth().oauth2(TestTokens.foreignIssuer("operator")).when().post("/probes/api/run")
                .then().statusCode(401);
    }

    @Test
    void anApproverIsNotAnOperator403() {
        given().auth().oauth2(TestTokens.approver()).when().post("/probes/api/run").then().statusCode(403);
    }

    @Test
    void anOperatorRunsTheProbeAndSeesItsResult() {
        given().auth().oauth2(TestTokens.operator()).when().post("/probes/api/run")
                .then().statusCode(200)
                .body("probe", equalTo("api"))
                .body("ok", equalTo(true))
                .body("status", equalTo("200"));
    }

    @Test
    void anUnknownProbeIs404WithTheReason() {
        given().auth().oauth2(TestTokens.operator()).when().post("/probes/nope/run")
                .then().statusCode(404).body("error", containsString("no probe named 'nope'"));
    }
}
