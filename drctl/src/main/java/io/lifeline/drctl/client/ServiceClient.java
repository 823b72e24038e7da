package io.lifeline.drctl.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import io.lifeline.drctl.config.DrctlConfig;
import io.lifeline.events.EventJson;

/**
 * The services' REST APIs, as drctl needs them: JSON in and out, the operator token on actions.
 * The token goes into the Authorization header only; it is never part of an error message.
 */
@ApplicationScoped
public class ServiceClient {

    private static final ObjectMapper JSON = EventJson.mapper();

    private final DrctlConfig config;
    private final HttpClient http;

    public ServiceClient(DrctlConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.httpTimeout()).build();
    }

    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The service's own reason ({"error": ...} from the services' error mappers), or the status. */
        public String reason() {
            return body.hasNonNull("error") ? body.get("error").asText() : "HTTP " + status;
        }
    }

    public Reply get(URI service, String path) {
        return send(service, path, HttpRequest.newBuilder().GET(), false);
    }

    /** A text answer (e.g. a Markdown report), returned as a JSON string node. */
    public Reply getText(URI service, String path) {
        URI uri = service.resolve(path);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(config.httpTimeout()).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), JSON.getNodeFactory().textNode(response.body()));
        } catch (IOException e) {
            throw new ServiceUnreachableException(service + " did not answer (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachableException("interrupted while calling " + service, e);
        }
    }

    public Reply post(URI service, String path, Object body) {
        String json;
        try {
            json = body == null ? "" : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request body", e);
        }
        return send(service, path, HttpRequest.newBuilder()
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), true);
    }

    private Reply send(URI service, String path, HttpRequest.Builder request, boolean authenticated) {
        URI uri = service.resolve(path);
        request.uri(uri).timeout(config.httpTimeout()).header("Accept", "application/json");
        if (authenticated) {
            String token = config.token().orElseThrow(() -> new IllegalStateException(
                    "this command needs an operator token: set LIFELINE_TOKEN (locally: export LIFELINE_TOKEN=$(bin/lifeline token --role operator))"));
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = NullNode.getInstance();
            if (response.body() != null && !response.body().isBlank()) {
                try {
                    body = JSON.readTree(response.body());
                } catch (IOException e) {
                    body = JSON.createObjectNode().put("error", response.body().strip());
                }
            }
            return new Reply(response.statusCode(), body);
        } catch (IOException e) {
            throw new ServiceUnreachableException(service + " did not answer (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachableException("interrupted while calling " + service, e);
        }
    }
}
