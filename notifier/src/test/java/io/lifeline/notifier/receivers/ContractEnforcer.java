package io.lifeline.notifier.receivers;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Makes the WireMock receivers behave like PagerDuty's Events API v2 and Slack's incoming
 * webhooks (reference/EXTERNAL_APIS.md): every request is checked against the contract first, and
 * a request that breaks it gets the service's own 400 answer (plus an {@code X-Contract-Violation}
 * header so tests can assert none happened), whatever the stub says. A valid request gets the
 * stub's answer; a PagerDuty 202 gets the documented body with the dedup key.
 */
public class ContractEnforcer implements ResponseDefinitionTransformerV2 {

    public static final String VIOLATION_HEADER = "X-Contract-Violation";
    static final String PAGERDUTY_PATH = "/v2/enqueue";
    static final String SLACK_PREFIX = "/services/";
    public static final String TICKETS_PATH = "/tickets";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PD_TOP = Set.of("routing_key", "event_action", "dedup_key", "payload", "links",
            "images", "client", "client_url");
    private static final Set<String> PD_PAYLOAD = Set.of("summary", "source", "severity", "timestamp", "component",
            "group", "class", "custom_details");
    private static final Set<String> PD_SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final Set<String> SLACK_BLOCKS = Set.of("header", "section", "context", "divider", "actions",
            "image", "rich_text");

    @Override
    public String getName() {
        return "lifeline-contracts";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        ResponseDefinition stubbed = serveEvent.getResponseDefinition();
        String path = request.getUrl();
        if (path.startsWith(PAGERDUTY_PATH)) {
            List<String> problems = pagerDuty(request);
            if (!problems.isEmpty()) {
                return violation(400, pagerDutyError(problems), problems);
            }
            if (stubbed.getStatus() == 202) {
                String dedupKey = parse(request.getBodyAsString()).path("dedup_key").asText("generated-dedup-key");
                ObjectNode body = JSON.createObjectNode().put("status", "success").put("message", "Event processed")
                        .put("dedup_key", dedupKey);
                return ResponseDefinitionBuilder.like(stubbed).but().withHeader("Content-Type", "application/json")
                        .withBody(body.toString()).build();
            }
            return stubbed;
        }
        if (path.startsWith(TICKETS_PATH)) {
            JsonNode ticket = parse(request.getBodyAsString());
            if (!ticket.isObject() || !ticket.path("title").isTextual()) {
                return violation(400, "{\"error\":\"invalid ticket\"}", List.of("ticket must be a JSON object with a title"));
            }
            return stubbed;
        }
        if (path.startsWith(SLACK_PREFIX)) {
            List<String> problems = slack(request);
            if (!problems.isEmpty()) {
                return violation(400, "invalid_payload", problems);
            }
        }
        return stubbed;
    }

    private static ResponseDefinition violation(int status, String body, List<String> problems) {
        return new ResponseDefinitionBuilder().withStatus(status)
                .withHeader(VIOLATION_HEADER, String.join("; ", problems))
                .withBody(body).build();
    }

    private static String pagerDutyError(List<String> problems) {
        ObjectNode body = JSON.createObjectNode().put("status", "invalid event").put("message", "Event object is invalid");
        problems.forEach(body.putArray("errors")::add);
        return body.toString();
    }

    static List<String> pagerDuty(Request request) {
        List<String> problems = new ArrayList<>();
        byte[] raw = request.getBody();
        if (raw.length > 512 * 1024) {
            problems.add("body larger than 512 KB");
        }
        JsonNode event = parse(new String(raw, StandardCharsets.UTF_8));
        if (!event.isObject()) {
            problems.add("body is not a JSON object");
            return problems;
        }
        unknownFields(event, PD_TOP, "", problems);
        JsonNode key = event.get("routing_key");
        if (key == null || !key.isTextual() || key.asText().length() != 32) {
            problems.add("Length of 'routing_key' is incorrect (should be 32 characters)");
        }
        String action = event.path("event_action").asText("");
        if (!Set.of("trigger", "acknowledge", "resolve").contains(action)) {
            problems.add("'event_action' must be trigger, acknowledge or resolve");
        }
        JsonNode dedup = event.get("dedup_key");
        if (dedup != null && (!dedup.isTextual() || dedup.asText().isEmpty() || dedup.asText().length() > 255)) {
            problems.add("'dedup_key' must be a string of at most 255 characters");
        }
        if (!action.equals("trigger")) {
            if (dedup == null) {
                problems.add("'dedup_key' is required for " + action);
            }
            return problems;
        }
        JsonNode payload = event.get("payload");
        if (payload == null || !payload.isObject()) {
            problems.add("'payload' is required for trigger");
            return problems;
        }
        unknownFields(payload, PD_PAYLOAD, "payload.", problems);
        String summary = payload.path("summary").asText("");
        if (!payload.path("summary").isTextual() || summary.isEmpty() || summary.length() > 1024) {
            problems.add("'payload.summary' is required, at most 1024 characters");
        }
        if (!payload.path("source").isTextual() || payload.path("source").asText().isBlank()) {
            problems.add("'payload.source' is required");
        }
        if (!PD_SEVERITIES.contains(payload.path("severity").asText(""))) {
            problems.add("'payload.severity' must be critical, error, warning or info");
        }
        if (payload.has("timestamp")) {
            try {
                OffsetDateTime.parse(payload.get("timestamp").asText());
            } catch (Exception e) {
                problems.add("'payload.timestamp' is not ISO 8601");
            }
        }
        for (String text : List.of("component", "group", "class")) {
            if (payload.has(text) && !payload.get(text).isTextual()) {
                problems.add("'payload." + text + "' must be a string");
            }
        }
        if (payload.has("custom_details") && !payload.get("custom_details").isObject()) {
            problems.add("'payload.custom_details' must be an object");
        }
        if (event.has("links")) {
            for (JsonNode link : event.get("links")) {
                if (!link.path("href").isTextual()) {
                    problems.add("'links[].href' is required");
                }
            }
        }
        if (event.has("images")) {
            for (JsonNode image : event.get("images")) {
                if (!image.path("src").asText("").startsWith("https://")) {
                    problems.add("'images[].src' must be an https URL");
                }
            }
        }
        return problems;
    }

    static List<String> slack(Request request) {
        List<String> problems = new ArrayList<>();
        JsonNode message = parse(request.getBodyAsString());
        if (!message.isObject()) {
            problems.add("body is not a JSON object");
            return problems;
        }
        JsonNode text = message.get("text");
        JsonNode blocks = message.get("blocks");
        if (text == null && blocks == null) {
            problems.add("no text or blocks");
        }
        if (blocks != null && (text == null || text.asText().isBlank())) {
            problems.add("blocks sent without the text fallback");
        }
        if (text != null && (!text.isTextual() || text.asText().length() > 40000)) {
            problems.add("text must be a string of at most 40,000 characters");
        }
        if (blocks == null) {
            return problems;
        }
        if (!blocks.isArray() || blocks.size() > 50) {
            problems.add("blocks must be an array of at most 50");
            return problems;
        }
        for (JsonNode block : blocks) {
            String type = block.path("type").asText("");
            if (!SLACK_BLOCKS.contains(type)) {
                problems.add("unknown block type '" + type + "'");
                continue;
            }
            switch (type) {
                case "header" -> {
                    if (!"plain_text".equals(block.path("text").path("type").asText())
                            || block.path("text").path("text").asText("").length() > 150
                            || block.path("text").path("text").asText("").isEmpty()) {
                        problems.add("header needs plain_text of 1 to 150 characters");
                    }
                }
                case "section" -> {
                    JsonNode t = block.get("text");
                    JsonNode fields = block.get("fields");
                    if (t == null && fields == null) {
                        problems.add("section needs text or fields");
                    }
                    if (t != null && (!Set.of("mrkdwn", "plain_text").contains(t.path("type").asText())
                            || t.path("text").asText("").isEmpty() || t.path("text").asText().length() > 3000)) {
                        problems.add("section text must be 1 to 3,000 characters of mrkdwn or plain_text");
                    }
                    if (fields != null) {
                        if (!fields.isArray() || fields.size() > 10) {
                            problems.add("section fields: at most 10");
                        } else {
                            for (JsonNode f : fields) {
                                if (f.path("text").asText("").isEmpty() || f.path("text").asText().length() > 2000) {
                                    problems.add("section field text must be 1 to 2,000 characters");
                                }
                            }
                        }
                    }
                }
                case "context" -> {
                    JsonNode elements = block.get("elements");
                    if (elements == null || !elements.isArray() || elements.isEmpty() || elements.size() > 10) {
                        problems.add("context needs 1 to 10 elements");
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    private static void unknownFields(JsonNode node, Set<String> allowed, String prefix, List<String> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add("unknown field '" + prefix + name + "'");
            }
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (Exception e) {
            return JSON.nullNode();
        }
    }

}
