package io.lifeline.health.bus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeline.health.config.HealthMonitorConfig;
import io.smallrye.mutiny.Uni;

/**
 * PagerDuty Events API v2 and the fallback Slack webhook, spoken straight from the monitor for the one
 * case the notifier cannot serve: the bus itself down. Each call says whether it was taken (PagerDuty
 * 202, Slack 200); anything else is tried again on the next check. Keys and URLs are never logged.
 */
@ApplicationScoped
public class DirectPager {

    private static final Logger LOG = Logger.getLogger(DirectPager.class);
    private static final String CLIENT = "Lifeline health-monitor (direct, bus down)";

    private final HealthMonitorConfig.Bus config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public DirectPager(HealthMonitorConfig config) {
        this.config = config.bus();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    public boolean canPage() {
        return config.pagerdutyRoutingKey().isPresent();
    }

    public boolean canPost() {
        return config.slackWebhookUrl().isPresent();
    }

    /** A critical trigger; the same dedup key as the notifier would use, so PagerDuty folds the two into one alert. */
    public Uni<Boolean> trigger(String dedupKey, String summary, String component, Instant since,
            Map<String, Object> details) {
        ObjectNode body = event("trigger", dedupKey);
        ObjectNode payload = body.putObject("payload");
        payload.put("summary", summary.length() <= 1024 ? summary : summary.substring(0, 1024));
        payload.put("source", "lifeline/health-monitor");
        payload.put("severity", "critical");
        payload.put("timestamp", since.toString());
        payload.put("component", component);
        payload.put("class", "down");
        payload.set("custom_details", json.valueToTree(details));
        body.put("client", CLIENT);
        return pagerDuty(body, "trigger");
    }

    public Uni<Boolean> resolve(String dedupKey) {
        return pagerDuty(event("resolve", dedupKey), "resolve");
    }

    public Uni<Boolean> post(String text) {
        if (config.slackWebhookUrl().isEmpty()) {
            return Uni.createFrom().item(false);
        }
        ObjectNode body = json.createObjectNode().put("text", text);
        return send(config.slackWebhookUrl().get(), body, "Slack fallback post", 200);
    }

    private ObjectNode event(String action, String dedupKey) {
        ObjectNode body = json.createObjectNode();
        body.put("routing_key", config.pagerdutyRoutingKey().orElse(""));
        body.put("event_action", action);
        body.put("dedup_key", dedupKey.length() <= 255 ? dedupKey : dedupKey.substring(0, 255));
        return body;
    }

    private Uni<Boolean> pagerDuty(ObjectNode body, String what) {
        if (config.pagerdutyRoutingKey().isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return send(config.pagerdutyUrl(), body, "PagerDuty " + what, 202);
    }

    private Uni<Boolean> send(URI url, ObjectNode body, String what, int accepted) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() == accepted) {
                        return true;
                    }
                    LOG.warnf("%s not taken: HTTP %d; tried again at the next check", what, response.statusCode());
                    return false;
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("%s not sent (%s); tried again at the next check", what, e.getClass().getSimpleName());
                    return false;
                });
    }
}
