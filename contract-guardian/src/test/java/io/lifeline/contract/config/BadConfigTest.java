package io.lifeline.contract.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

import io.lifeline.contract.HardhatNode;
import io.lifeline.contract.TestChain;
import io.lifeline.contract.chain.ChainClient;
import io.lifeline.contract.chain.ContractAbi;
import io.lifeline.contract.pause.PauserKeyAccess;
import io.lifeline.contract.rules.RuleEngine;
import io.lifeline.testsupport.FreePorts;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Bad input gives a clear error naming the setting: a malformed address or ABI, a rule that names an
 * event no ABI declares, a keystore with the wrong password, an RPC on another chain. An RPC that
 * does not answer is not fatal at startup (the scanner keeps trying and raises an incident).
 */
class BadConfigTest {

    @TempDir
    Path dir;

    private GuardianConfig config(Map<String, String> overrides) {
        Map<String, String> p = new HashMap<>();
        p.put("lifeline.contract.rpc.url", "http://127.0.0.1:1");
        p.put("lifeline.contract.rpc.chain-id", "31337");
        p.put("lifeline.contract.contracts.router.address", "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
        p.put("lifeline.contract.contracts.router.abi", TestChain.artefact("TestRouter").toString());
        p.put("lifeline.contract.rules.treasury-changed.type", "event-param-not-in");
        p.put("lifeline.contract.rules.treasury-changed.events", "ProtocolTreasuryUpdated");
        p.put("lifeline.contract.rules.treasury-changed.param", "newTreasury");
        p.put("lifeline.contract.rules.treasury-changed.severity", "critical");
        p.putAll(overrides);
        SmallRyeConfig c = new SmallRyeConfigBuilder().withMapping(GuardianConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(p, "test", 500)).build();
        return c.getConfigMapping(GuardianConfig.class);
    }

    @Test
    void theShippedShapeIsValid() {
        HardhatNode.prepare(); // compiled ABIs
        GuardianConfig config = config(Map.of());
        WatchList list = new WatchList(config);
        assertThat(list.all()).hasSize(1);
        assertThat(list.byName("router").orElseThrow().pausable()).isFalse();
        assertThatCode(() -> new RuleEngine(config, list)).doesNotThrowAnyException();
    }

    @Test
    void aMalformedAddressNamesTheSetting() {
        HardhatNode.prepare();
        assertThatThrownBy(() -> new WatchList(config(Map.of("lifeline.contract.contracts.router.address", "0x1234"))))
                .hasMessageContaining("lifeline.contract.contracts.router.address '0x1234' is not an address");
    }

    @Test
    void aMalformedAbiNamesTheFileAndTheProblem() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"abi\": [ {\"type\": \"event\"");
        assertThatThrownBy(() -> new WatchList(config(Map.of("lifeline.contract.contracts.router.abi",
                broken.toString())))).hasMessageContaining("lifeline.contract.contracts.router.abi")
                .hasMessageContaining("malformed ABI in " + broken).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ContractAbi.parse("[{\"type\":\"event\",\"inputs\":[]}]"))
                .hasMessageContaining("has no name");
        assertThatThrownBy(() -> ContractAbi.parse("{\"contractName\":\"x\"}")).hasMessageContaining("expected a JSON array");
    }

    @Test
    void aRuleOnAnEventNoAbiDeclaresIsRefused() {
        HardhatNode.prepare();
        GuardianConfig config = config(Map.of("lifeline.contract.rules.treasury-changed.events", "TreasuryChanged"));
        assertThatThrownBy(() -> new RuleEngine(config, new WatchList(config)))
                .hasMessageContaining("lifeline.contract.rules.treasury-changed.events names 'TreasuryChanged'");
        GuardianConfig badParam = config(Map.of("lifeline.contract.rules.treasury-changed.param", "treasury"));
        assertThatThrownBy(() -> new RuleEngine(badParam, new WatchList(badParam)))
                .hasMessageContaining("param 'treasury' is not a parameter of event ProtocolTreasuryUpdated");
    }

    @Test
    void aKeystoreWithTheWrongPasswordIsAClearError() throws Exception {
        String file = WalletUtils.generateWalletFile("right password", Keys.createEcKeyPair(), dir.toFile(), false);
        Path keystore = dir.resolve(file);
        assertThat(PauserKeyAccess.load(keystore, "right password").getAddress()).startsWith("0x");
        assertThatThrownBy(() -> PauserKeyAccess.load(keystore, "wrong password"))
                .hasMessageContaining("cannot decrypt the pauser keystore").hasMessageContaining("wrong password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("right password"));
        Path notAKeystore = Files.writeString(dir.resolve("nope.json"), "{}");
        assertThatThrownBy(() -> PauserKeyAccess.load(notAKeystore, "x")).hasMessageContaining("pauser keystore");
        assertThatThrownBy(() -> PauserKeyAccess.load(dir.resolve("missing.json"), "x"))
                .hasMessageContaining("does not exist");
    }

    @Test
    void anRpcOnAnotherChainStopsTheStartAndAnUnreachableOneDoesNot() {
        try (HardhatNode node = HardhatNode.start(); ChainClient client = new ChainClient(node.rpcUrl(),
                Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> StartupValidation.checkChainId("lifeline.contract.rpc.url", node.rpcUrl(),
                    client::chainId, 100)).hasMessageContaining("wrong chain")
                    .hasMessageContaining("reports chain id 31337 but lifeline.contract.rpc.chain-id is 100");
            assertThatCode(() -> StartupValidation.checkChainId("lifeline.contract.rpc.url", node.rpcUrl(),
                    client::chainId, 31337)).doesNotThrowAnyException();
        }
        String dead = "http://127.0.0.1:" + FreePorts.next();
        try (ChainClient client = new ChainClient(dead, Duration.ofSeconds(1))) {
            assertThatCode(() -> StartupValidation.checkChainId("lifeline.contract.rpc.url", dead, client::chainId,
                    31337)).doesNotThrowAnyException();
        }
    }
}
