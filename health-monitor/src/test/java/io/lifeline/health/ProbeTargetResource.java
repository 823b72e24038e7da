package io.lifeline.health;

import java.util.Map;

import io.lifeline.testsupport.ProbeTargetServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real HTTP servers the tests make fail and recover: the monitor's {@code api} probe points at one,
 * the {@code flappy} probe at another; a third stands for the outside heartbeat service of the dead-man ping.
 */
public class ProbeTargetResource implements QuarkusTestResourceLifecycleManager {

    private ProbeTargetServer api;
    private ProbeTargetServer flappy;
    private ProbeTargetServer deadMan;

    @Override
    public Map<String, String> start() {
        api = ProbeTargetServer.start();
        flappy = ProbeTargetServer.start();
        deadMan = ProbeTargetServer.start();
        return Map.of(
                "lifeline.health.self.dead-man-url", deadMan.baseUrl() + "/ping/lifeline-test",
                "lifeline.test.dead-man-target", deadMan.baseUrl(),
                "lifeline.health.probes.api.url", api.baseUrl() + "/health",
                "lifeline.test.probe-target", api.baseUrl(),
                "lifeline.health.probes.flappy.url", flappy.baseUrl() + "/health",
                "lifeline.test.flappy-target", flappy.baseUrl());
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
        if (flappy != null) {
            flappy.close();
        }
        if (deadMan != null) {
            deadMan.close();
        }
    }
}
