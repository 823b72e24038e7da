package io.lifeline.notifier.client;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeline.notifier.config.NotifierConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): 202 accepted; 400 invalid event (never
 * retried); 429 rate limited and 5xx or a network error (retried with backoff by the relay).
 */
@ApplicationScoped
public class PagerDutyClient {

    private static final Logger LOG = Logger.getLogger(PagerDutyClient.class);

    private final WebClient client;
    private final NotifierConfig.PagerDuty config;
    private final ObjectMapper json = new ObjectMapper();

    public PagerDutyClient(Vertx vertx, NotifierConfig config) {
        this.client = WebClient.create(vertx);
        this.config = config.pagerduty();
    }

    /** Sends {@code body} (built without the key) with {@code routingKey} added. */
    public Uni<Delivery> enqueue(String routingKey, String body) {
        ObjectNode event;
        try {
            event = (ObjectNode) json.readTree(body);
        } catch (Exception e) {
            return Uni.createFrom().item(Delivery.finalFailure("unreadable event body"));
        }
        event.put("routing_key", routingKey);
        return client.postAbs(config.url().toString())
                .timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer(event.toString()))
                .map(response -> interpret(response, routingKey))
                .onFailure().recoverWithItem(Delivery::networkError);
    }

    private Delivery interpret(HttpResponse<io.vertx.mutiny.core.buffer.Buffer> response, String routingKey) {
        int status = response.statusCode();
        JsonNode answer = parse(response.bodyAsString());
        if (status == 202) {
            return Delivery.sent(answer.path("dedup_key").asText(null));
        }
        String detail = redact(answer.path("message").asText("") + errors(answer), routingKey);
        if (status == 400) {
            LOG.errorf("PagerDuty refused an event as invalid: %s", detail);
            return Delivery.finalFailure("400 invalid event" + (detail.isBlank() ? "" : ": " + detail));
        }
        if (status == 429) {
            return Delivery.retry("429 rate limited", Delivery.retryAfter(response.getHeader("Retry-After")));
        }
        if (status >= 500) {
            return Delivery.retry(status + " server error", Optional.empty());
        }
        // 401/403/404/413...: a wrong URL or a refused key; retrying will not help.
        return Delivery.finalFailure(status + " refused" + (detail.isBlank() ? "" : ": " + detail));
    }

    private static String errors(JsonNode answer) {
        JsonNode errors = answer.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        errors.forEach(e -> all.append(all.length() == 0 ? " (" : "; ").append(e.asText()));
        return all.append(')').toString();
    }

    /** PagerDuty's messages do not echo the key today; make sure a future one cannot leak it. */
    static String redact(String text, String secret) {
        return secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
    }

    private JsonNode parse(String body) {
        try {
            return body == null ? json.createObjectNode() : json.readTree(body);
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

}
