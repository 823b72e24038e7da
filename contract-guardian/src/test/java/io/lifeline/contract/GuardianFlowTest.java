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
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.contract.scan.ChainScanner;
import io.lifeline.events.EventTypes;
import io.lifeline.events.contract.ContractAnomaly;
import io.lifeline.events.contract.ContractPaused;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.Severity;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The guardian against a real hardhat chain, Kafka and PostgreSQL, pause policy {@code auto},
 * acting at 0 confirmations. The router has no pause (the redeploy path); the pausable router is
 * paused for real.
 */
@QuarkusTest
class GuardianFlowTest {

    @Inject
    ChainScanner scanner;

    private final TestChain chain = Chains.chain();
    private final List<String> accounts = chain.accounts();
    private final String owner = accounts.get(0);
    private final String router = config("router");
    private final String pausable = config("pausable-auto");

    @Test
    void aTreasuryChangeRaisesOneCriticalAnomalyAndTheRedeployIncident() {
        String attacker = accounts.get(7);
        String tx = chain.send(owner, router, "setProtocolTreasury", new Address(attacker))
                .get("transactionHash").asText();
        try (EventTopics topics = EventTopics.fromConfig()) {
            ContractAnomaly anomaly = topics.awaitEvents(EventTypes.CONTRACT_ANOMALY, 1,
                    a -> tx.equals(a.txHash()) && a.rule().equals("treasury-changed"), WAIT).get(0).payload();
            assertThat(anomaly.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(anomaly.contract()).isEqualToIgnoringCase(router);
            assertThat(anomaly.values()).containsEntry("newTreasury", attacker.toLowerCase());
            assertThat(anomaly.chainId()).isEqualTo(31337);
            assertThat(anomaly.blockHash()).isNotNull();

            IncidentOpened incident = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    i -> i.kind().equals("treasury-changed:router"), WAIT).get(0).payload();
            assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(incident.component()).isEqualTo("contract");
            assertThat(incident.signals().get(0).detail()).containsEntry("txHash", tx);

            // No pause() on this router: the plan's other path, with the runbook, addresses and ABIs.
            IncidentOpened redeploy = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    i -> i.kind().equals("redeploy-required:router"), WAIT).get(0).payload();
            assertThat(redeploy.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(redeploy.runbookUrl()).contains("redeploy");
            Map<String, Object> detail = redeploy.signals().get(0).detail();
            assertThat((Map<String, String>) detail.get("addresses")).containsEntry("router", router.toLowerCase());
            assertThat((Map<String, String>) detail.get("abis")).containsKey("router");
            assertThat(((Map<String, String>) detail.get("abis")).get("router")).contains("ProtocolTreasuryUpdated");

            // More blocks, more polls: still exactly one anomaly for that log.
            chain.mine(3);
            scannedToHead(scanner, chain);
            assertThat(all(topics, EventTypes.CONTRACT_ANOMALY, a -> tx.equals(a.txHash()))).hasSize(1);
        }
    }

    @Test
    void anOwnershipTransferAndAnOutOfBoundsFeeRaiseTheirAnomaliesOnce() {
        String ownershipTx = chain.send(owner, router, "transferOwnership", new Address(owner))
                .get("transactionHash").asText();
        String feeTx = chain.send(owner, router, "setProtocolFee", new Uint256(5_000)).get("transactionHash").asText();
        String fineFeeTx = chain.send(owner, router, "setProtocolFee", new Uint256(300)).get("transactionHash").asText();
        try (EventTopics topics = EventTopics.fromConfig()) {
            ContractAnomaly ownership = topics.awaitEvent(EventTypes.CONTRACT_ANOMALY,
                    a -> ownershipTx.equals(a.txHash())).payload();
            assertThat(ownership.rule()).isEqualTo("ownership-transferred");
            assertThat(ownership.severity()).isEqualTo(Severity.CRITICAL);
            ContractAnomaly fee = topics.awaitEvent(EventTypes.CONTRACT_ANOMALY, a -> feeTx.equals(a.txHash()))
                    .payload();
            assertThat(fee.rule()).isEqualTo("fee-out-of-bounds");
            assertThat(fee.severity()).isEqualTo(Severity.HIGH);
            assertThat(fee.values()).containsEntry("newFeeBps", "5000").containsEntry("max", "1000");
            scannedToHead(scanner, chain);
            assertThat(all(topics, EventTypes.CONTRACT_ANOMALY, a -> ownershipTx.equals(a.txHash()))).hasSize(1);
            assertThat(all(topics, EventTypes.CONTRACT_ANOMALY, a -> feeTx.equals(a.txHash()))).hasSize(1);
            assertThat(all(topics, EventTypes.CONTRACT_ANOMALY, a -> fineFeeTx.equals(a.txHash()))).isEmpty();
        }
    }

    @Test
    void aFloodOfPaymentsIsOneBurstAnomaly() {
        String token = config("token");
        String listener = accounts.get(4);
        chain.send(listener, token, "mint", new Address(listener), new Uint256(BigInteger.TEN.pow(21)));
        chain.send(listener, token, "approve", new Address(router), new Uint256(BigInteger.TEN.pow(21)));
        long firstBlock = chain.blockNumber() + 1;
        for (int i = 0; i < 7; i++) {
            chain.send(listener, router, "processPayment", new Bytes32(new byte[32]), new Uint256(1_000),
                    new Uint8(1));
        }
        try (EventTopics topics = EventTopics.fromConfig()) {
            ContractAnomaly burst = topics.awaitEvent(EventTypes.CONTRACT_ANOMALY,
                    a -> a.rule().equals("payment-burst") && a.blockNumber() >= firstBlock).payload();
            assertThat(burst.values()).containsEntry("count", "5");
            scannedToHead(scanner, chain);
            assertThat(all(topics, EventTypes.CONTRACT_ANOMALY, a -> a.rule().equals("payment-burst")
                    && a.blockNumber() >= firstBlock)).hasSize(1);
        }
    }

    @Test
    void anAutomaticPauseReallyPausesAndASecondTriggerSendsNothing() {
        String pauser = config("pauser");
        BigInteger nonceBefore = chain.nonce(pauser); // one pauser key serves every test contract
        String tx = chain.send(owner, pausable, "transferOwnership", new Address(owner)).get("transactionHash").asText();
        try (EventTopics topics = EventTopics.fromConfig()) {
            ContractPaused paused = topics.awaitEvent(EventTypes.CONTRACT_PAUSED,
                    p -> p.contract().equalsIgnoreCase(pausable)).payload();
            assertThat(chain.paused(pausable)).isTrue();
            assertThat(paused.approvedBy()).isEqualTo("policy:auto");
            assertThat(paused.anomalyId()).isNotNull();
            JsonNode receipt = chain.rpc("eth_getTransactionReceipt", paused.txHash());
            assertThat(receipt.get("from").asText()).isEqualToIgnoringCase(pauser);
            assertThat(receipt.get("status").asText()).isEqualTo("0x1");
            ContractAnomaly cause = topics.awaitEvent(EventTypes.CONTRACT_ANOMALY, a -> tx.equals(a.txHash()))
                    .payload();
            assertThat(paused.anomalyId()).isEqualTo(cause.anomalyId());
            assertThat(chain.nonce(pauser)).isEqualTo(nonceBefore.add(BigInteger.ONE));

            // A second pause-marked anomaly on the same contract: detected, but no second transaction.
            String second = chain.send(owner, pausable, "setProtocolTreasury", new Address(accounts.get(8)))
                    .get("transactionHash").asText();
            topics.awaitEvent(EventTypes.CONTRACT_ANOMALY, a -> second.equals(a.txHash()));
            // The Paused event itself is seen too (rule pause-state-changed).
            topics.awaitEvent(EventTypes.CONTRACT_ANOMALY, a -> a.rule().equals("pause-state-changed")
                    && paused.txHash().equals(a.txHash()));
            scannedToHead(scanner, chain);
            assertThat(chain.nonce(pauser)).isEqualTo(nonceBefore.add(BigInteger.ONE));
            assertThat(all(topics, EventTypes.CONTRACT_PAUSED, p -> p.contract().equalsIgnoreCase(pausable))).hasSize(1);
            List<Map<String, Object>> attempts = given().when().get("/pauses?contract=pausable-router").then()
                    .statusCode(200).extract().jsonPath().getList("");
            assertThat(attempts).hasSize(1);
            assertThat(attempts.get(0)).containsEntry("status", "confirmed").containsEntry("txHash", paused.txHash());
        }
        // Unpause is never automatic and needs a person; this key may only pause, so it is refused and recorded.
        given().when().post("/contracts/pausable-router/unpause").then().statusCode(401);
        given().auth().oauth2(TestTokens.approver()).when().post("/contracts/pausable-router/unpause").then()
                .statusCode(409);
        assertThat(chain.paused(pausable)).isTrue();
        List<Map<String, Object>> unpauses = given().when().get("/pauses?contract=pausable-router").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.action == 'unpause' }");
        assertThat(unpauses).hasSize(1);
        assertThat(unpauses.get(0)).containsEntry("requestedBy", "test-approver").containsEntry("status", "refused");
    }

    @Test
    void aReorganisationWithdrawsTheAnomalyItInvalidatedAndResolvesItsIncident() {
        String snapshot = chain.snapshot();
        String tx = chain.send(owner, pausable, "setProtocolFee", new Uint256(9_999)).get("transactionHash").asText();
        try (EventTopics topics = EventTopics.fromConfig()) {
            ContractAnomaly detected = topics.awaitEvent(EventTypes.CONTRACT_ANOMALY,
                    a -> tx.equals(a.txHash()) && a.status().equals("detected")).payload();
            IncidentOpened incident = topics.awaitEvent(EventTypes.INCIDENT_OPENED,
                    i -> i.kind().equals("fee-out-of-bounds:pausable-router")).payload();
            scannedToHead(scanner, chain);

            chain.revert(snapshot);
            chain.mine(3);

            ContractAnomaly withdrawn = topics.awaitEvents(EventTypes.CONTRACT_ANOMALY, 1,
                    a -> tx.equals(a.txHash()) && a.status().equals("withdrawn"), WAIT).get(0).payload();
            assertThat(withdrawn.anomalyId()).isEqualTo(detected.anomalyId());
            assertThat(withdrawn.dedupKey()).isEqualTo(detected.dedupKey());
            assertThat(withdrawn.reason()).contains("reorganisation");
            IncidentResolved resolved = topics.awaitEvent(EventTypes.INCIDENT_RESOLVED,
                    r -> r.incidentId().equals(incident.incidentId())).payload();
            assertThat(resolved.resolution()).contains("withdrawn");
            // The fee change is gone from the chain, and nothing re-detects it.
            await().atMost(WAIT).until(() -> scanner.cursorBlock() >= chain.blockNumber());
            assertThat(all(topics, EventTypes.CONTRACT_ANOMALY, a -> tx.equals(a.txHash()))).hasSize(2);
        }
    }
}
