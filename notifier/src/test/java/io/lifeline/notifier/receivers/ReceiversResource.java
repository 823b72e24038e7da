package io.lifeline.notifier.receivers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real HTTP receivers on loopback that speak PagerDuty Events API v2 and Slack incoming webhooks
 * ({@link ContractEnforcer}), and the secrets that point the notifier at them. By default they
 * accept everything valid (202 / 200 ok); a test scripts failures for its own incident with
 * {@link Receivers}.
 */
public class ReceiversResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new ContractEnforcer()));
        server.start();
        server.stubFor(post(urlEqualTo(ContractEnforcer.PAGERDUTY_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(202)));
        server.stubFor(post(urlPathMatching("/services/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(post(urlPathEqualTo(ContractEnforcer.TICKETS_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"key\":\"OPS-42\"}")));
        String base = "http://127.0.0.1:" + server.port();
        Map<String, String> config = new HashMap<>();
        config.put("lifeline.test.receivers", base);
        config.put("lifeline.notifier.pagerduty.url", base + ContractEnforcer.PAGERDUTY_PATH);
        config.put("lifeline.notifier.slack.channels.incidents.webhook-url", base + Secrets.INCIDENTS_WEBHOOK_PATH);
        config.put("lifeline.notifier.slack.channels.fallback.webhook-url", base + Secrets.FALLBACK_WEBHOOK_PATH);
        config.put("lifeline.notifier.slack.channels.operations.webhook-url", base + Secrets.OPERATIONS_WEBHOOK_PATH);
        config.put("lifeline.notifier.pagerduty.webhook-secret", Secrets.PAGERDUTY_WEBHOOK_SECRET);
        config.put("lifeline.notifier.roles.devops-lead.pagerduty-routing-key", Secrets.DEVOPS_KEY);
        config.put("lifeline.notifier.roles.backend-lead.pagerduty-routing-key", Secrets.BACKEND_KEY);
        config.put("lifeline.notifier.roles.smart-contract-lead.pagerduty-routing-key", Secrets.CONTRACT_KEY);
        config.put("lifeline.notifier.roles.test-lead.pagerduty-routing-key", Secrets.TEST_LEAD_KEY);
        config.put("lifeline.notifier.people.bob.pagerduty-routing-key", Secrets.BOB_KEY);
        config.put("lifeline.notifier.ticket.url", base + ContractEnforcer.TICKETS_PATH + "?token=" + Secrets.TICKET_TOKEN);
        // The night-lead role lives where it is about one in the morning now: its medium tickets wait.
        config.put("lifeline.notifier.roles.night-lead.rotation.zone", nightZone().getId());
        return config;
    }

    /** A fixed-offset zone where the local time is between 01:00 and 02:00 right now. */
    public static java.time.ZoneOffset nightZone() {
        int hour = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(1 - hour, 24);
        return java.time.ZoneOffset.ofHours(offset > 14 ? offset - 24 : offset);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
