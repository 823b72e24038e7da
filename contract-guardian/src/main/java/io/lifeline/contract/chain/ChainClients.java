package io.lifeline.contract.chain;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.contract.config.GuardianConfig;

/** The primary JSON-RPC endpoint and the optional second one that must agree before a pause. */
@ApplicationScoped
public class ChainClients {

    private final ChainClient primary;
    private final Optional<ChainClient> secondary;

    public ChainClients(GuardianConfig config) {
        this.primary = new ChainClient(config.rpc().url(), config.rpc().timeout());
        this.secondary = config.rpc().secondaryUrl().map(String::trim).filter(s -> !s.isEmpty())
                .map(url -> new ChainClient(url, config.rpc().timeout()));
    }

    public ChainClient primary() {
        return primary;
    }

    public Optional<ChainClient> secondary() {
        return secondary;
    }

    @PreDestroy
    void close() {
        primary.close();
        secondary.ifPresent(ChainClient::close);
    }
}
