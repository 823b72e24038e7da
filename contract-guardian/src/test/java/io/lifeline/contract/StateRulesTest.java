package io.lifeline.contract;

import static io.lifeline.contract.Chains.all;
import static io.lifeline.contract.Chains.config;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigInteger;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

import io.lifeline.contract.scan.StateChecker;
import io.lifeline.events.EventTypes;
import io.lifeline.events.contract.ContractAnomaly;
import io.lifeline.events.incident.Severity;
import io.lifeline.testsupport.EventTopics;
import io.quarkus.test.junit.QuarkusTest;

/** The state checks: a drained token balance and a changed implementation slot are anomalies, once. */
@QuarkusTest
class StateRulesTest {

    /** bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1) */
    private static final String IMPLEMENTATION_SLOT =
            "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

    @Inject
    StateChecker state;

    private final TestChain chain = Chains.chain();
    private final List<String> accounts = chain.accounts();

    @Test
    void aDrainedRouterBalanceIsOneCriticalAnomaly() {
        String router = config("router");
        String token = config("token");
        String owner = accounts.get(0);
        String payer = accounts.get(9);
        BigInteger amount = BigInteger.TEN.pow(21);
        chain.send(payer, token, "mint", new Address(payer), new Uint256(amount));
        chain.send(payer, token, "approve", new Address(router), new Uint256(amount));
        chain.send(payer, router, "processPayment", new Bytes32(new byte[32]), new Uint256(amount), new Uint8(2));
        state.checkAll();
        BigInteger balance = chain.callWord(token, "balanceOf", new Address(router));
        given().when().get("/contracts").then().statusCode(200)
                .body("find { it.name == 'router' }.tokenBalance", org.hamcrest.Matchers.equalTo(balance.toString()));

        // The owner key drains 90 % of the router's tokens.
        chain.send(owner, router, "withdraw", new Address(accounts.get(7)),
                new Uint256(balance.multiply(BigInteger.valueOf(9)).divide(BigInteger.TEN)));
        assertThat(state.checkAll()).isGreaterThanOrEqualTo(1);
        assertThat(state.checkAll()).isZero();
        try (EventTopics topics = EventTopics.fromConfig()) {
            List<ContractAnomaly> drains = all(topics, EventTypes.CONTRACT_ANOMALY,
                    a -> a.rule().equals("balance-drain") && a.contract().equalsIgnoreCase(router));
            assertThat(drains).hasSize(1);
            assertThat(drains.get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(drains.get(0).values()).containsEntry("peakBalance", balance.toString())
                    .containsEntry("balance", balance.divide(BigInteger.TEN).toString());
            topics.awaitEvent(EventTypes.INCIDENT_OPENED, i -> i.kind().equals("balance-drain:router"));
        }
    }

    @Test
    void aChangedImplementationSlotIsACodeChangedAnomaly() {
        String pausable = config("pausable-auto");
        state.checkAll();
        String implementation = "0x000000000000000000000000" + "ab".repeat(20);
        chain.rpc("hardhat_setStorageAt", pausable, IMPLEMENTATION_SLOT, implementation);
        state.checkAll();
        state.checkAll();
        try (EventTopics topics = EventTopics.fromConfig()) {
            List<ContractAnomaly> changed = all(topics, EventTypes.CONTRACT_ANOMALY,
                    a -> a.rule().equals("code-changed") && a.contract().equalsIgnoreCase(pausable));
            assertThat(changed).hasSize(1);
            assertThat(changed.get(0).values()).containsEntry("newImplementation", implementation);
        }
        given().when().get("/contracts").then().statusCode(200).body("name", hasItem("pausable-router"));
    }
}
