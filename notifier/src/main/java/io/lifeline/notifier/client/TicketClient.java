package io.lifeline.notifier.client;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.notifier.config.NotifierConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * A generic issue-tracker webhook: POST the rendered JSON; 2xx is a ticket (its {@code id},
 * {@code key} or {@code number}, if any, is kept); 429 (Retry-After) and 5xx are retried; any other
 * 4xx is final. The URL is a secret and never appears in a reason.
 */
@ApplicationScoped
public class TicketClient {

    private final WebClient client;
    private final NotifierConfig.Ticket config;
    private final ObjectMapper json = new ObjectMapper();

    public TicketClient(Vertx vertx, NotifierConfig config) {
        this.client = WebClient.create(vertx);
        this.config = config.ticket();
    }

    public Uni<Delivery> create(URI url, String body) {
        return client.postAbs(url.toString())
                .timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(body))
                .map(this::interpret)
                .onFailure().recoverWithItem(Delivery::networkError);
    }

    private Delivery interpret(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Delivery.sent(ticketId(response.bodyAsString()));
        }
        if (status == 429) {
            return Delivery.retry("429 rate limited", Delivery.retryAfter(response.getHeader("Retry-After")));
        }
        if (status >= 500) {
            return Delivery.retry(status + " server error", Optional.empty());
        }
        return Delivery.finalFailure(status + " refused");
    }

    private String ticketId(String body) {
        try {
            JsonNode answer = json.readTree(body == null ? "{}" : body);
            for (String field : new String[] {"key", "id", "number"}) {
                JsonNode value = answer.path(field);
                if (value.isValueNode() && !value.asText().isBlank()) {
                    String id = value.asText();
                    return id.length() <= 200 ? id : id.substring(0, 200);
                }
            }
        } catch (Exception e) {
            // A 2xx without a JSON body is still a ticket.
        }
        return null;
    }
}
