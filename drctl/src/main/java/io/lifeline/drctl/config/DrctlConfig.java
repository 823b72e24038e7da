package io.lifeline.drctl.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where drctl finds Kafka and the services; every value has an environment variable (see application.properties). */
@ConfigMapping(prefix = "drctl")
public interface DrctlConfig {

    /** Kafka bootstrap servers of the Lifeline cluster. */
    String kafkaBootstrapServers();

    Services services();

    /** Bearer token for the operator actions (a JWT with the operator role); never printed. */
    Optional<String> token();

    /** How long a REST call may take before drctl reports the service as unreachable. */
    @WithDefault("10s")
    Duration httpTimeout();

    /** The plan's objectives that postmortems judge against. */
    @WithDefault("4h")
    Duration rto();

    @WithDefault("24h")
    Duration rpo();

    interface Services {
        URI healthMonitor();

        URI backupService();

        URI restoreService();

        URI notifier();

        URI contractGuardian();

        URI ipfsGuardian();
    }
}
