package io.lifeline.contract;

import static io.lifeline.contract.Chains.WAIT;
import static io.lifeline.contract.Chains.config;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;

import io.lifeline.events.EventTypes;
import io.lifeline.events.contract.ContractAnomaly;
import io.lifeline.events.contract.ContractPaused;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Policy {@code approval} (the contract {@code pausable-approval} of the test configuration): the
 * pause waits for a person, then happens (after the second RPC agreed).
 */
@QuarkusTest
class ApprovalModeTest {

    private final TestChain chain = Chains.chain();

    @Test
    void thePauseWaitsForApprovalAndRecordsWhoApproved() {
        String pausable = config("pausable-approval");
        String pauser = config("pauser");
        String owner = chain.accounts().get(0);
        BigInteger nonceBefore = chain.nonce(pauser);
        String tx = chain.send(owner, pausable, "transferOwnership", new Address(owner)).get("transactionHash").asText();
        try (EventTopics topics = EventTopics.fromConfig()) {
            ContractAnomaly anomaly = topics.awaitEvent(EventTypes.CONTRACT_ANOMALY, a -> tx.equals(a.txHash()))
                    .payload();
            List<Map<String, Object>> waiting = await().atMost(WAIT).until(() -> given().when()
                    .get("/pauses?contract=pausable-approval").then().statusCode(200).extract().jsonPath()
                    .<Map<String, Object>>getList(""), l -> !l.isEmpty());
            assertThat(waiting).hasSize(1);
            assertThat(waiting.get(0)).containsEntry("status", "awaiting-approval")
                    .containsEntry("anomalyId", anomaly.anomalyId());
            String id = (String) waiting.get(0).get("id");
            // Nothing happens without a person.
            assertThat(chain.paused(pausable)).isFalse();
            assertThat(chain.nonce(pauser)).isEqualTo(nonceBefore);

            given().when().post("/pauses/" + id + "/approve").then().statusCode(401);
            given().auth().oauth2(TestTokens.forRoles("bob", "viewer")).when().post("/pauses/" + id + "/approve")
                    .then().statusCode(403);
            given().auth().oauth2(TestTokens.approver()).when().post("/pauses/" + id + "/approve").then()
                    .statusCode(200).body("status", equalTo("confirmed")).body("approvedBy", equalTo("test-approver"));

            assertThat(chain.paused(pausable)).isTrue();
            assertThat(chain.nonce(pauser)).isEqualTo(nonceBefore.add(BigInteger.ONE));
            ContractPaused paused = topics.awaitEvent(EventTypes.CONTRACT_PAUSED,
                    p -> p.contract().equalsIgnoreCase(pausable)).payload();
            assertThat(paused.approvedBy()).isEqualTo("test-approver");
            assertThat(paused.anomalyId()).isEqualTo(anomaly.anomalyId());
            assertThat(paused.incidentId()).isNotNull();

            // Approving twice does not send twice.
            given().auth().oauth2(TestTokens.approver()).when().post("/pauses/" + id + "/approve").then()
                    .statusCode(409);
            given().auth().oauth2(TestTokens.approver()).when().post("/pauses/nope/approve").then().statusCode(404);
            assertThat(chain.nonce(pauser)).isEqualTo(nonceBefore.add(BigInteger.ONE));
        }
    }
}
