package io.lifeline.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a hardhat node, deploys the test contracts (FlowToken; TestRouter without pause; three
 * PausableTestRouters, one per pause mode under test) and writes the pauser's encrypted keystore and
 * password file. Hands their addresses and paths to the application as {@code lifeline.test.chain.*}.
 */
public class ChainTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String PASSWORD = "correct horse battery staple";

    private HardhatNode node;
    private Path keyDir;

    @Override
    public Map<String, String> start() {
        node = HardhatNode.start();
        TestChain chain = new TestChain(node.rpcUrl());
        List<String> accounts = chain.accounts();
        String treasury = accounts.get(3);
        String token = chain.deploy("FlowToken", List.of());
        List<org.web3j.abi.datatypes.Type> ctor = List.of(new Address(token), new Address(treasury),
                new Uint256(250));
        String router = chain.deploy("TestRouter", ctor);
        String auto = chain.deploy("PausableTestRouter", ctor);
        String approval = chain.deploy("PausableTestRouter", ctor);
        String dryRun = chain.deploy("PausableTestRouter", ctor);
        try {
            keyDir = Files.createTempDirectory("lifeline-pauser-");
            ECKeyPair pair = Keys.createEcKeyPair();
            String file = WalletUtils.generateWalletFile(PASSWORD, pair, keyDir.toFile(), false);
            Path passwordFile = keyDir.resolve("password");
            Files.writeString(passwordFile, PASSWORD + "\n");
            String pauser = "0x" + Keys.getAddress(pair);
            for (String c : List.of(auto, approval, dryRun)) {
                chain.send(accounts.get(0), c, "setPauser", new Address(pauser));
            }
            chain.transfer(accounts.get(0), pauser, BigInteger.TEN.pow(18));
            Map<String, String> config = new LinkedHashMap<>();
            config.put("lifeline.test.chain.rpc-url", node.rpcUrl());
            config.put("lifeline.test.chain.token", token);
            config.put("lifeline.test.chain.router", router);
            config.put("lifeline.test.chain.pausable-auto", auto);
            config.put("lifeline.test.chain.pausable-approval", approval);
            config.put("lifeline.test.chain.pausable-dry-run", dryRun);
            config.put("lifeline.test.chain.router-abi", TestChain.artefact("TestRouter").toString());
            config.put("lifeline.test.chain.pausable-abi", TestChain.artefact("PausableTestRouter").toString());
            config.put("lifeline.test.chain.pauser", pauser);
            config.put("lifeline.test.chain.pauser-keystore", keyDir.resolve(file).toString());
            config.put("lifeline.test.chain.pauser-password-file", passwordFile.toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the pauser keystore", e);
        }
    }

    @Override
    public void stop() {
        if (node != null) {
            node.close();
        }
        if (keyDir != null) {
            try (var files = Files.list(keyDir)) {
                files.forEach(f -> f.toFile().delete());
                Files.deleteIfExists(keyDir);
            } catch (IOException ignored) {
                // temp dir; best effort
            }
        }
    }
}
