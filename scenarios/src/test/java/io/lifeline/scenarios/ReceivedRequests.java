package io.lifeline.scenarios;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the local PagerDuty/Slack receiver got ({@code GET /received}, one JSON line per request). */
record ReceivedRequests(List<JsonNode> all) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ReceivedRequests of(String ndjson) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("the receiver kept a line that is not JSON: " + line, e);
                }
            }
        }
        return new ReceivedRequests(lines);
    }

    /** PagerDuty events for one dedup key (the incident id) with this action, as accepted (202). */
    List<JsonNode> pagerDuty(String dedupKey, String action) {
        return all.stream()
                .filter(r -> r.path("service").asText().equals("pagerduty") && r.path("status").asInt() == 202)
                .map(r -> r.path("body"))
                .filter(b -> b.path("dedup_key").asText().equals(dedupKey) && b.path("event_action").asText().equals(action))
                .toList();
    }

    /** Slack posts (accepted) whose text mentions the incident id. */
    List<JsonNode> slackAbout(String incidentId) {
        return all.stream()
                .filter(r -> r.path("service").asText().equals("slack") && r.path("status").asInt() == 200)
                .map(r -> r.path("body"))
                .filter(b -> b.toString().contains(incidentId))
                .toList();
    }

    /** Requests the receiver refused: Lifeline sent something PagerDuty or Slack would refuse too. */
    List<JsonNode> refused() {
        return all.stream().filter(r -> r.path("status").asInt() >= 400).toList();
    }
}
