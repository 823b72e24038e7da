package io.lifeline.notifier.client;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.notifier.config.NotifierConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Slack incoming webhooks: 200 {@code ok}; 429 with {@code Retry-After} (seconds) is waited out;
 * 400/403/404/410 are final (dead-lettered, reported elsewhere); 500 and network errors are retried.
 * The webhook URL is the secret: it never appears in a reason.
 */
@ApplicationScoped
public class SlackClient {

    private final WebClient client;
    private final NotifierConfig.Slack config;

    public SlackClient(Vertx vertx, NotifierConfig config) {
        this.client = WebClient.create(vertx);
        this.config = config.slack();
    }

    public Uni<Delivery> post(URI webhook, String body) {
        return client.postAbs(webhook.toString())
                .timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body))
                .map(SlackClient::interpret)
                .onFailure().recoverWithItem(Delivery::networkError);
    }

    private static Delivery interpret(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        String error = errorCode(response.bodyAsString());
        if (status == 200) {
            return Delivery.sent(null);
        }
        if (status == 429) {
            return Delivery.retry("429 rate_limited", Delivery.retryAfter(response.getHeader("Retry-After")));
        }
        if (status >= 500) {
            return Delivery.retry(status + " " + error, Optional.empty());
        }
        return Delivery.finalFailure(status + " " + error);
    }

    /** Slack answers a short code ({@code channel_not_found}) or JSON with {@code error}; keep only a safe token. */
    static String errorCode(String body) {
        if (body == null || body.isBlank()) {
            return "no body";
        }
        String b = body.trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"error\"\\s*:\\s*\"([a-z_]{1,64})\"").matcher(b);
        if (m.find()) {
            return m.group(1);
        }
        return b.matches("[a-z_]{1,64}") ? b : "unexpected body";
    }
}
