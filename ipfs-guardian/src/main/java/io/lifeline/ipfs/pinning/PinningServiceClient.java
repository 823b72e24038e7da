package io.lifeline.ipfs.pinning;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.ipfs.config.GuardianConfig;
import io.lifeline.ipfs.gateway.RateLimiter;

/** One IPFS Pinning Services API endpoint (Pinata, web3.storage, ...): list, request, follow. */
public class PinningServiceClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RANK = List.of("pinned", "pinning", "queued", "failed");

    private final String name;
    private final String baseUrl;
    private final GuardianConfig.PinningService config;
    private final HttpClient http;
    private final RateLimiter rate;

    public PinningServiceClient(String name, GuardianConfig.PinningService config, HttpClient http) {
        this.name = name;
        this.baseUrl = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        this.config = config;
        this.http = http;
        this.rate = new RateLimiter(config.ratePerSecond());
    }

    public String name() {
        return name;
    }

    public GuardianConfig.PinningService config() {
        return config;
    }

    /** Every status is asked for: without {@code status} the API returns only pinned ones. */
    public PinState status(String cid) {
        JsonNode page = send(request("/pins?cid=" + URLEncoder.encode(cid, StandardCharsets.UTF_8)
                + "&status=queued,pinning,pinned,failed").GET().build(), 200);
        PinState best = new PinState(name, PinState.NONE, null);
        for (JsonNode result : page.path("results")) {
            String status = result.path("status").asText();
            if (best.status().equals(PinState.NONE) || rank(status) < rank(best.status())) {
                best = new PinState(name, status, result.path("requestid").asText(null));
            }
        }
        return best;
    }

    public PinState pin(String cid, String pinName, List<String> origins, Map<String, String> meta) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cid", cid);
        body.put("name", pinName);
        body.put("origins", origins);
        body.put("meta", meta);
        try {
            JsonNode answer = send(request("/pins").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), 202);
            return new PinState(name, answer.path("status").asText(), answer.path("requestid").asText(null));
        } catch (IOException e) {
            throw new PinningException(name + ": " + e.getMessage());
        }
    }

    public PinState get(String requestId) {
        JsonNode answer = send(request("/pins/" + URLEncoder.encode(requestId, StandardCharsets.UTF_8)).GET().build(),
                200);
        return new PinState(name, answer.path("status").asText(), requestId);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(config.timeout())
                .header("Authorization", "Bearer " + config.token()).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request, int expected) {
        rate.acquire();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected && response.statusCode() != 200) {
                throw new PinningException(name + " answered " + response.statusCode() + reason(response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PinningException(name + " unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PinningException(name + ": interrupted");
        }
    }

    /** The spec's Failure body: {"error": {"reason": "...", "details": "..."}}. */
    private static String reason(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.has("reason") ? " (" + error.path("reason").asText() + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int rank(String status) {
        int i = RANK.indexOf(status);
        return i < 0 ? RANK.size() : i;
    }
}
