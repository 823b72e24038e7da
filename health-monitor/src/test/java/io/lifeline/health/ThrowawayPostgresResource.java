package io.lifeline.health;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.lifeline.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the throwaway PostgreSQL cluster and points the postgres, ledger and postgres-port probes at it. */
public class ThrowawayPostgresResource implements QuarkusTestResourceLifecycleManager {

    private Path base;
    private Path data;

    @Override
    public Map<String, String> start() {
        try {
            base = Files.createTempDirectory("lifeline-hm-pg");
            data = base.resolve("data");
            int port = FreePorts.next();
            ThrowawayPostgres.init(data, port);
            String url = "postgresql://postgres@127.0.0.1:" + port + "/" + ThrowawayPostgres.DATABASE;
            return Map.of(
                    "lifeline.health.probes.postgres.url", url,
                    "lifeline.health.probes.ledger.url", url,
                    "lifeline.health.probes.amcheck.url", url,
                    "lifeline.health.probes.postgres-port.url", "tcp://127.0.0.1:" + port,
                    "lifeline.test.pg.port", String.valueOf(port),
                    "lifeline.test.pg.data", data.toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the throwaway PostgreSQL cluster", e);
        }
    }

    @Override
    public void stop() {
        if (data != null && new File(data.toFile(), "postmaster.pid").exists()) {
            try {
                ThrowawayPostgres.kill(data);
            } catch (RuntimeException e) {
                // already stopped
            }
        }
        if (base != null) {
            Processes.run(false, "rm", "-rf", base.toString());
        }
    }
}
