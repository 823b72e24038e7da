package io.lifeline.contract;

import static io.lifeline.contract.Chains.WAIT;
import static io.lifeline.contract.Chains.all;
import static io.lifeline.contract.Chains.config;
import static io.lifeline.contract.Chains.scannedToHead;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;

import io.lifeline.contract.scan.ChainScanner;
import io.lifeline.events.EventTypes;
import io.lifeline.testsupport.EventTopics;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Dry-run (the contract {@code pausable-dry-run}, policy auto): the whole decision runs (paused()
 * read, second RPC, eth_call simulation) and nothing is sent.
 */
@QuarkusTest
class DryRunTest {

    @Inject
    ChainScanner scanner;

    private final TestChain chain = Chains.chain();

    @Test
    void dryRunSimulatesThePauseAndSendsNothing() {
        String pausable = config("pausable-dry-run");
        String pauser = config("pauser");
        String owner = chain.accounts().get(0);
        BigInteger nonceBefore = chain.nonce(pauser);
        String tx = chain.send(owner, pausable, "transferOwnership", new Address(owner)).get("transactionHash").asText();
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.awaitEvent(EventTypes.CONTRACT_ANOMALY, a -> tx.equals(a.txHash()));
            List<Map<String, Object>> attempts = await().atMost(WAIT).until(() -> given().when()
                    .get("/pauses?contract=pausable-dry-run").then().statusCode(200).extract().jsonPath()
                    .<Map<String, Object>>getList(""), l -> !l.isEmpty() && "dry-run".equals(l.get(0).get("status")));
            assertThat(attempts).hasSize(1);
            assertThat((String) attempts.get(0).get("detail")).contains("simulated successfully").contains("nothing sent");
            assertThat(attempts.get(0).get("txHash")).isNull();
            scannedToHead(scanner, chain);
            assertThat(chain.paused(pausable)).isFalse();
            assertThat(chain.nonce(pauser)).isEqualTo(nonceBefore);
            assertThat(all(topics, EventTypes.CONTRACT_PAUSED, p -> p.contract().equalsIgnoreCase(pausable))).isEmpty();
        }
    }
}
