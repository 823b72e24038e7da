package io.lifeline.health;

import java.util.Map;

import io.lifeline.testsupport.ProbeTargetServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the monitor's {@code api} probe at a real HTTP server the test can make fail and recover. */
public class ProbeTargetResource implements QuarkusTestResourceLifecycleManager {

    private ProbeTargetServer server;

    @Override
    public Map<String, String> start() {
        server = ProbeTargetServer.start();
        return Map.of(
                "lifeline.health.probes.api.url", server.baseUrl() + "/health",
                "lifeline.test.probe-target", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
