package io.lifeline.contract.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.lifeline.contract.chain.ChainClients;
import io.lifeline.contract.chain.ChainException;
import io.lifeline.contract.incident.GuardianIncidents;
import io.lifeline.contract.pause.PauserKey;
import io.lifeline.contract.rules.RuleEngine;
import io.quarkus.runtime.StartupEvent;

/**
 * Fails the start with a message naming the setting when the configuration cannot work: malformed
 * address or ABI, a rule that names no declared event, a keystore that does not decrypt, an RPC on
 * another chain. An RPC that does not answer yet is not fatal: the scanner keeps trying and raises
 * the {@code rpc-unreachable} incident, so watching never stops silently.
 */
@ApplicationScoped
public class StartupValidation {

    private static final Logger LOG = Logger.getLogger(StartupValidation.class);

    void onStart(@Observes StartupEvent event, GuardianConfig config, WatchList watchList, RuleEngine rules,
            PauserKey key, ChainClients chain, GuardianIncidents incidents) {
        String policy = config.pause().policy();
        if (!policy.equals("off") && !policy.equals("auto") && !policy.equals("approval")) {
            throw new IllegalStateException("lifeline.contract.pause.policy must be off, auto or approval, not '"
                    + policy + "'");
        }
        checkChainId("lifeline.contract.rpc.url", chain.primary().url(), () -> chain.primary().chainId(),
                config.rpc().chainId());
        chain.secondary().ifPresent(s -> checkChainId("lifeline.contract.rpc.secondary-url", s.url(), s::chainId,
                config.rpc().chainId()));
        incidents.load();
        watchList.all().forEach(w -> LOG.infof("watching %s at %s (%s)%s", w.name(), w.address(),
                w.pausable() ? "Pausable, pause policy " + w.pausePolicy() + (w.dryRun() ? " (dry-run)" : "")
                        : "no pause: redeploy path", w.token().map(t -> ", token " + t).orElse("")));
        LOG.infof("%d rules, pause policy %s%s, %d confirmations", rules.rules().size(), policy,
                config.pause().dryRun() ? " (dry-run)" : "", config.scan().confirmations());
        key.address().ifPresent(a -> LOG.infof("pauser address %s", a));
    }

    static void checkChainId(String setting, String url, java.util.function.LongSupplier actual, long expected) {
        long id;
        try {
            id = actual.getAsLong();
        } catch (ChainException e) {
            LOG.errorf("the RPC %s (%s) does not answer yet: %s; watching starts when it does", url, setting,
                    e.getMessage());
            return;
        }
        if (id != expected) {
            throw new IllegalStateException("wrong chain: " + setting + " " + url + " reports chain id " + id
                    + " but lifeline.contract.rpc.chain-id is " + expected);
        }
    }
}
