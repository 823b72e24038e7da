package io.lifeline.contract.scan;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import io.lifeline.contract.chain.BlockRef;
import io.lifeline.contract.chain.ChainClient;
import io.lifeline.contract.chain.ChainClients;
import io.lifeline.contract.chain.ChainException;
import io.lifeline.contract.chain.LogDecoder;
import io.lifeline.contract.config.GuardianConfig;
import io.lifeline.contract.config.WatchList;
import io.lifeline.contract.config.Watched;
import io.lifeline.contract.rules.AnomalyService;
import io.lifeline.contract.rules.Finding;
import io.lifeline.contract.rules.RuleEngine;
import io.lifeline.contract.rules.StateSnapshot;
import io.lifeline.contract.store.GuardianStore;
import io.lifeline.contract.store.OnWorker;
import io.lifeline.contract.store.StateValueEntity;
import io.quarkus.scheduler.Scheduled;

/**
 * Reads each watched contract's state at the confirmed head every state interval: {@code paused()}
 * where it exists, the configured getters (owner, treasury, fee), the token balance, the code hash
 * and the EIP-1967 implementation slot; feeds the state rules (balance drop, code changed).
 */
@ApplicationScoped
public class StateChecker {

    private static final Logger LOG = Logger.getLogger(StateChecker.class);
    /** bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1) */
    static final BigInteger EIP1967_IMPLEMENTATION_SLOT = Numeric.toBigInt(
            "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc");

    private final GuardianConfig config;
    private final WatchList watchList;
    private final ChainClients chain;
    private final GuardianStore store;
    private final RuleEngine rules;
    private final AnomalyService anomalies;
    private final Map<String, StateSnapshot> latest = new ConcurrentHashMap<>();

    public StateChecker(GuardianConfig config, WatchList watchList, ChainClients chain, GuardianStore store,
            RuleEngine rules, AnomalyService anomalies) {
        this.config = config;
        this.watchList = watchList;
        this.chain = chain;
        this.store = store;
        this.rules = rules;
        this.anomalies = anomalies;
    }

    @Scheduled(every = "${lifeline.contract.scan.state-interval:15s}", identity = "contract-state",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "2s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (config.scan().enabled()) {
            checkAll();
        }
    }

    /** Reads every contract once; failures are logged (the scanner raises the RPC incident). */
    public synchronized int checkAll() {
        int raised = 0;
        ChainClient client = chain.primary();
        try {
            long number = Math.max(0, client.blockNumber() - config.scan().confirmations());
            BlockRef block = client.block(number).orElseThrow(() -> new ChainException("block " + number + " missing"));
            for (Watched w : watchList.all()) {
                StateSnapshot snapshot = read(client, w, block);
                latest.put(w.name(), snapshot);
                Map<String, String> previous = new LinkedHashMap<>();
                for (String name : List.of("codeHash", "implementation")) {
                    StateValueEntity v = OnWorker.await(() -> store.stateValue(w.name(), name));
                    if (v != null) {
                        previous.put(name, v.value);
                    }
                }
                for (Finding f : rules.onState(w, snapshot, previous)) {
                    if (anomalies.raise(f, 0)) {
                        raised++;
                    }
                }
                OnWorker.await(() -> store.saveStateValue(w.name(), "codeHash", snapshot.codeHash()));
                OnWorker.await(() -> store.saveStateValue(w.name(), "implementation", snapshot.implementation()));
            }
        } catch (ChainException e) {
            LOG.warnf("state check failed: %s", e.getMessage());
        }
        return raised;
    }

    private StateSnapshot read(ChainClient client, Watched w, BlockRef block) {
        Map<String, String> getters = new LinkedHashMap<>();
        if (w.pausable()) {
            getters.put("paused", getter(client, w, "paused", "bool", block.number()));
        }
        for (String name : w.stateGetters()) {
            String type = w.abi().getterType(name).orElse(null);
            if (type == null) {
                continue; // not in this contract's ABI
            }
            try {
                getters.put(name, getter(client, w, name, type, block.number()));
            } catch (ChainException e) {
                getters.put(name, "(error: " + e.getMessage() + ")");
            }
        }
        Optional<BigInteger> balance = w.token().map(token -> {
            String data = FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(w.address())),
                    List.of()));
            return Numeric.toBigInt(zeroIfEmpty(client.call(null, token, data, block.number())));
        });
        String code = client.code(w.address(), block.number());
        String codeHash = Hash.sha3(code == null || code.equals("0x") ? "0x" : code);
        String implementation = client.storageAt(w.address(), EIP1967_IMPLEMENTATION_SLOT, block.number());
        return new StateSnapshot(block.number(), block.hash(), Instant.now(), getters, balance, codeHash,
                implementation == null ? "0x0" : implementation);
    }

    private static String getter(ChainClient client, Watched w, String name, String type, long block) {
        String data = FunctionEncoder.encode(new Function(name, List.of(), List.of()));
        return LogDecoder.word(type, zeroIfEmpty(client.call(null, w.address(), data, block)));
    }

    private static String zeroIfEmpty(String hex) {
        return hex == null || hex.equals("0x") ? "0x0" : hex;
    }

    /** The latest state read of each contract, by name. */
    public Map<String, StateSnapshot> latest() {
        return Map.copyOf(latest);
    }
}
