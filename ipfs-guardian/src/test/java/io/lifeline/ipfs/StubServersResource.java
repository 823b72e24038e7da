package io.lifeline.ipfs;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.lifeline.testsupport.PlatformDatabase;
import io.lifeline.testsupport.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Third parties as WireMock stubs (gateways under /good, /liar, /flaky; a Pinning Services API under
 * /psa) and the platform's database (real PostgreSQL, the platform's schema, no songs yet).
 */
public class StubServersResource implements QuarkusTestResourceLifecycleManager {

    static WireMockServer wireMock;
    static TestDatabase platform;

    @Override
    public Map<String, String> start() {
        wireMock = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        platform = PlatformDatabase.create(0, 0);
        Map<String, String> config = new HashMap<>();
        config.put("lifeline.test.gateway-url", "http://127.0.0.1:" + wireMock.port());
        config.put("lifeline.ipfs.platform.jdbc-url", platform.jdbcUrl());
        config.put("lifeline.ipfs.platform.user", platform.user());
        config.put("lifeline.ipfs.platform.password", platform.password() == null ? "" : platform.password());
        return config;
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
        if (platform != null) {
            platform.close();
        }
    }
}
