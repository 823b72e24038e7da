package io.lifeline.contract;

import static io.lifeline.contract.Chains.all;
import static io.lifeline.contract.Chains.config;
import static io.lifeline.contract.Chains.scannedToHead;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Uint256;

import io.lifeline.contract.incident.GuardianIncidents;
import io.lifeline.contract.rules.RuleEngine;
import io.lifeline.contract.scan.ChainScanner;
import io.lifeline.contract.store.GuardianStore;
import io.lifeline.contract.store.OnWorker;
import io.lifeline.events.EventTypes;
import io.lifeline.testsupport.EventTopics;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Watching without gaps: while the guardian is stopped the chain moves on; after the restart it
 * reads exactly what it missed, once. A crash between publishing and saving the cursor makes it
 * rescan, and the rescan repeats nothing.
 */
@QuarkusTest
class RestartTest {

    @Inject
    ChainScanner scanner;

    @Inject
    Scheduler scheduler;

    @Inject
    GuardianIncidents incidents;

    @Inject
    RuleEngine rules;

    @Inject
    GuardianStore store;

    private final TestChain chain = Chains.chain();

    @Test
    void eventsProducedWhileStoppedAreReadOnceAfterTheRestartAndARescanRepeatsNothing() {
        String owner = chain.accounts().get(0);
        String router = config("router");
        scannedToHead(scanner, chain);
        scheduler.pause("contract-scan");
        try {
            // Stopped: the cursor stays where it was while the chain moves on.
            long stoppedAt = scanner.poll().cursor();
            String stoppedHash = chain.rpc("eth_getBlockByNumber", "0x" + Long.toHexString(stoppedAt), false)
                    .get("hash").asText();
            List<String> txs = new ArrayList<>();
            for (int fee : new int[] { 2_001, 2_002, 2_003 }) {
                txs.add(chain.send(owner, router, "setProtocolFee", new Uint256(fee)).get("transactionHash").asText());
            }
            chain.mine(5);
            try (EventTopics topics = EventTopics.fromConfig()) {
                assertThat(all(topics, EventTypes.CONTRACT_ANOMALY, a -> txs.contains(a.txHash()))).isEmpty();

                // Restart: what was in memory is gone; the cursor and incidents come back from PostgreSQL.
                rules.resetWindows();
                incidents.load();
                ChainScanner.PollResult caughtUp = scanner.poll();
                assertThat(caughtUp.cursor()).isEqualTo(chain.blockNumber());
                for (String tx : txs) {
                    assertThat(all(topics, EventTypes.CONTRACT_ANOMALY, a -> tx.equals(a.txHash())))
                            .as("anomalies of %s", tx).hasSize(1);
                }

                // Crash before the cursor was saved: the next start rescans those blocks and repeats nothing.
                OnWorker.await(() -> store.rewind("chain-31337", stoppedAt, stoppedHash));
                incidents.load();
                ChainScanner.PollResult rescan = scanner.poll();
                assertThat(rescan.logsScanned()).isGreaterThanOrEqualTo(3);
                assertThat(rescan.anomaliesRaised()).isZero();
                for (String tx : txs) {
                    assertThat(all(topics, EventTypes.CONTRACT_ANOMALY, a -> tx.equals(a.txHash()))).hasSize(1);
                }
                // One incident for the rule on this contract, updated rather than reopened.
                assertThat(all(topics, EventTypes.INCIDENT_OPENED, i -> i.kind().equals("fee-out-of-bounds:router")))
                        .hasSize(1);
            }
        } finally {
            scheduler.resume("contract-scan");
        }
    }

    @Test
    void aCursorFromAnotherChainRescansInsteadOfStopping() {
        scannedToHead(scanner, chain);
        scheduler.pause("contract-scan");
        try {
            long head = chain.blockNumber();
            // As after a dev chain restart: the saved cursor and hashes belong to a chain that is gone.
            OnWorker.await(() -> store.rewind("chain-31337", -1, null));
            OnWorker.await(() -> store.advance("chain-31337", 31337, head + 1_000, "0x" + "ab".repeat(32),
                    List.of(), 256));
            ChainScanner.PollResult result = scanner.poll();
            assertThat(result.cursor()).isEqualTo(chain.blockNumber());
            assertThat(scanner.consecutiveFailures()).isZero();
            assertThat(scanner.lastError()).isEmpty();
        } finally {
            scheduler.resume("contract-scan");
        }
    }
}
