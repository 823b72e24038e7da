package io.lifeline.contract.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.lifeline.events.incident.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Everything contract-guardian reads from configuration. Checked once at startup by
 * {@link StartupValidation}: a bad address, ABI, chain id or keystore stops the service with a
 * message naming the setting, rather than letting it watch nothing.
 */
@ConfigMapping(prefix = "lifeline.contract")
public interface GuardianConfig {

    Rpc rpc();

    Scan scan();

    /** Watched contracts by name (e.g. {@code router}). */
    Map<String, WatchedContract> contracts();

    /** Rules by name; the name is the rule id in events (e.g. {@code treasury-changed}). */
    Map<String, Rule> rules();

    Pause pause();

    /** Where the runbook for a contract without a pause lives (the plan's redeploy path). */
    @WithName("redeploy-runbook-url")
    @WithDefault("https://github.com/mycelix/lifeline/blob/main/contract-guardian/README.md#redeploy-runbook")
    String redeployRunbookUrl();

    interface Rpc {
        /** The JSON-RPC endpoint that is read. */
        String url();

        /** A second, independent endpoint: when set, it must agree on the state before a pause is sent. */
        Optional<String> secondaryUrl();

        /** The chain id the endpoint must report: a mismatch is a startup error. */
        long chainId();

        @WithDefault("10s")
        Duration timeout();

        /** Head older than this (by its block timestamp) makes the RPC "behind": a health signal. */
        @WithDefault("5m")
        Duration maxHeadAge();

        /** Failed polls in a row before the RPC outage becomes an incident. */
        @WithDefault("3")
        int failuresBeforeIncident();
    }

    interface Scan {
        @WithDefault("2s")
        Duration pollInterval();

        /** Blocks on top of a log before it is acted on; 0 acts at once. */
        @WithDefault("5")
        int confirmations();

        /** The most blocks asked for in one eth_getLogs call. */
        @WithDefault("2000")
        int maxBlockRange();

        /** Where a first start (no saved cursor) begins; default: the current confirmed head. */
        OptionalLong startBlock();

        /** Block hashes kept to find the common ancestor after a reorganisation. */
        @WithDefault("256")
        int reorgDepth();

        /** Whether the scanner runs on its schedule (tests drive it by hand when off). */
        @WithDefault("true")
        boolean enabled();

        /** How often state (paused, owner, treasury, fee, balance, code) is read. */
        @WithDefault("15s")
        Duration stateInterval();

        /** Heartbeat events on health.heartbeat; 0 or negative disables them. */
        @WithDefault("30s")
        Duration heartbeatInterval();
    }

    interface WatchedContract {
        /** Blank: the entry is skipped (lets the shipped configuration name optional contracts). */
        Optional<String> address();

        /** ABI file: a JSON array, or a compiler artefact with an {@code abi} field. */
        Optional<String> abi();

        /** The ERC-20 whose balance the contract holds (for balance rules); none if absent. */
        Optional<String> token();

        /** View functions read each state interval, e.g. owner, protocolTreasury, protocolFeeBps. */
        @WithDefault("owner,protocolTreasury,protocolFeeBps")
        List<String> stateGetters();

        /** This contract's pause policy (off | auto | approval); default: lifeline.contract.pause.policy. */
        Optional<String> pausePolicy();

        /** This contract's dry-run setting; default: lifeline.contract.pause.dry-run. */
        Optional<Boolean> dryRun();
    }

    interface Rule {
        /**
         * {@code event} (any of the events), {@code event-param-not-in} (an address parameter outside
         * {@code allowed}), {@code event-param-out-of-bounds} (a uint parameter outside min..max),
         * {@code burst} (count or summed value of an event within window-blocks), {@code balance-drop}
         * (token balance down drop-percent within window), {@code code-changed} (code hash or EIP-1967
         * implementation slot changed).
         */
        String type();

        /** Event names (from the ABI) the rule watches; comma-separated. */
        Optional<List<String>> events();

        /** The event parameter the rule reads. */
        Optional<String> param();

        /** Allowed addresses for event-param-not-in; empty: every value fires. */
        Optional<List<String>> allowed();

        Optional<BigInteger> min();

        Optional<BigInteger> max();

        /** burst: this many events or more within window-blocks. */
        Optional<Integer> count();

        /** burst: this summed param value or more within window-blocks. */
        Optional<BigInteger> value();

        @WithDefault("100")
        long windowBlocks();

        /** balance-drop: percentage lost within window. */
        @WithDefault("50")
        int dropPercent();

        @WithDefault("1h")
        Duration window();

        Severity severity();

        /** Whether a match asks for a pause (subject to the pause policy). */
        @WithDefault("false")
        boolean pause();

        @WithDefault("true")
        boolean enabled();

        /** Contract names the rule applies to; default all. */
        Optional<List<String>> contracts();
    }

    interface Pause {
        /** off | auto | approval */
        @WithDefault("approval")
        String policy();

        /** Log what would be sent, send nothing. */
        @WithDefault("false")
        boolean dryRun();

        /** Encrypted JSON keystore (Web3 Secret Storage) of the key that may only pause. */
        Optional<String> keystore();

        /** File holding the keystore password (first line). */
        Optional<String> passwordFile();

        /** Or the password itself, from the environment (LIFELINE_CONTRACT_PAUSER_PASSWORD). */
        Optional<String> password();

        @WithDefault("200000")
        long gasLimit();

        /** The most we pay per gas unit, in wei; a higher network price makes the attempt fail loudly. */
        @WithDefault("500000000000")
        BigInteger maxGasPriceWei();

        /** At most one pause attempt per contract within this window. */
        @WithDefault("1h")
        Duration window();

        @WithDefault("2m")
        Duration receiptTimeout();
    }
}
