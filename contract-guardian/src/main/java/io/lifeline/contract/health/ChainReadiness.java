package io.lifeline.contract.health;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.lifeline.contract.config.GuardianConfig;
import io.lifeline.contract.scan.ChainScanner;

/**
 * Ready while the chain is being read: the RPC answers (fewer failures in a row than the incident
 * threshold) and its head is recent. Not ready means the contracts are not watched right now.
 */
@Readiness
@ApplicationScoped
public class ChainReadiness implements HealthCheck {

    private final ChainScanner scanner;
    private final GuardianConfig config;

    public ChainReadiness(ChainScanner scanner, GuardianConfig config) {
        this.scanner = scanner;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("chain")
                .withData("rpc", config.rpc().url())
                .withData("head", scanner.head())
                .withData("cursor", scanner.cursorBlock())
                .withData("lagBlocks", scanner.lagBlocks())
                .withData("consecutiveFailures", scanner.consecutiveFailures());
        scanner.lastError().ifPresent(e -> b.withData("lastError", e));
        scanner.headAge().ifPresent(a -> b.withData("headAgeSeconds", a.toSeconds()));
        boolean failing = scanner.consecutiveFailures() >= config.rpc().failuresBeforeIncident();
        boolean behind = scanner.headAge().map(a -> a.compareTo(config.rpc().maxHeadAge()) > 0).orElse(false);
        Duration since = scanner.lastSuccess().map(t -> Duration.between(t, Instant.now())).orElse(Duration.ZERO);
        boolean stalled = !config.scan().enabled() ? false
                : since.compareTo(config.scan().pollInterval().multipliedBy(10).plusSeconds(60)) > 0;
        return b.status(!failing && !behind && !stalled).build();
    }
}
