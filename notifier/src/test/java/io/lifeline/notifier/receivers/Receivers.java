package io.lifeline.notifier.receivers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The test's view of the receivers (through WireMock's admin API): what reached them, in order,
 * and failures scripted for one incident (matched by its id in the body) before they accept.
 */
public final class Receivers {

    /** One request a receiver got, and what it answered. */
    public record Received(String path, int status, JsonNode body, Instant at, String violation) {

        public String text() {
            return body.path("text").asText("");
        }

        public String action() {
            return body.path("event_action").asText("");
        }

        public String dedupKey() {
            return body.path("dedup_key").asText("");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMock admin;

    private Receivers(WireMock admin) {
        this.admin = admin;
    }

    public static Receivers fromConfig() {
        URI base = URI.create(ConfigProvider.getConfig().getValue("lifeline.test.receivers", String.class));
        return new Receivers(new WireMock(base.getHost(), base.getPort()));
    }

    /** Every request so far, oldest first. */
    public List<Received> all() {
        List<ServeEvent> events = new ArrayList<>(admin.getServeEvents());
        List<Received> received = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            ServeEvent e = events.get(i);
            received.add(new Received(e.getRequest().getUrl(), e.getResponse().getStatus(),
                    parse(e.getRequest().getBodyAsString()), e.getRequest().getLoggedDate().toInstant(),
                    violation(e)));
        }
        return received;
    }

    private static String violation(ServeEvent e) {
        if (e.getResponse().getHeaders() == null) {
            return null;
        }
        var header = e.getResponse().getHeaders().getHeader(ContractEnforcer.VIOLATION_HEADER);
        return header.isPresent() ? header.firstValue() : null;
    }

    /** PagerDuty requests about one incident (its id is the dedup key or its prefix), oldest first. */
    public List<Received> pagerDuty(String incidentId) {
        return all().stream().filter(r -> r.path().equals(ContractEnforcer.PAGERDUTY_PATH)
                && r.dedupKey().startsWith(incidentId)).toList();
    }

    public List<Received> slackIncidents(String incidentId) {
        return slack(Secrets.INCIDENTS_WEBHOOK_PATH, r -> r.text().contains(incidentId));
    }

    public List<Received> slackFallback(String incidentId) {
        return slack(Secrets.FALLBACK_WEBHOOK_PATH, r -> r.text().contains(incidentId));
    }

    /** Posts to the operations channel whose text contains {@code marker}. */
    public List<Received> slackOperations(String marker) {
        return slack(Secrets.OPERATIONS_WEBHOOK_PATH, r -> r.text().contains(marker));
    }

    public List<Received> tickets(String incidentId) {
        return all().stream().filter(r -> r.path().startsWith(ContractEnforcer.TICKETS_PATH)
                && r.body().toString().contains(incidentId)).toList();
    }

    public List<Received> slack(String path, Predicate<Received> match) {
        return all().stream().filter(r -> r.path().equals(path) && match.test(r)).toList();
    }

    /**
     * The alerts PagerDuty would have opened for an incident, replaying what it accepted in order:
     * a trigger opens an alert (a page) unless one is open for the same routing key and dedup key;
     * resolve closes it. Returns the state of each opened alert by dedup key ("triggered",
     * "acknowledged", "resolved"), with repeats counted.
     */
    public Map<String, List<String>> alerts(String incidentId) {
        Map<String, List<String>> alerts = new HashMap<>();
        for (Received r : pagerDuty(incidentId)) {
            if (r.status() != 202) {
                continue;
            }
            String key = r.body().path("routing_key").asText() + "|" + r.dedupKey();
            List<String> states = alerts.computeIfAbsent(r.dedupKey(), k -> new ArrayList<>());
            String current = states.isEmpty() ? null : states.get(states.size() - 1);
            switch (r.action()) {
                case "trigger" -> {
                    if (current == null || current.equals("resolved")) {
                        states.add("triggered");
                    }
                }
                case "acknowledge" -> {
                    if (current != null && current.equals("triggered")) {
                        states.set(states.size() - 1, "acknowledged");
                    }
                }
                case "resolve" -> {
                    if (current != null && !current.equals("resolved")) {
                        states.set(states.size() - 1, "resolved");
                    }
                }
                default -> throw new IllegalStateException("unexpected action in " + key);
            }
        }
        return alerts;
    }

    /** PagerDuty answers these statuses, in turn, to events about this incident; then accepts. */
    public void scriptPagerDuty(String incidentId, int... statuses) {
        script(true, incidentId, statuses);
    }

    /** The #incidents webhook answers these statuses, in turn, to posts about this incident; then ok. */
    public void scriptSlackIncidents(String incidentId, int... statuses) {
        script(false, incidentId, statuses);
    }

    private void script(boolean pagerDuty, String incidentId, int... statuses) {
        String scenario = "script-" + UUID.randomUUID();
        String state = Scenario.STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = "step-" + (i + 1);
            MappingBuilder request = pagerDuty ? post(urlEqualTo(ContractEnforcer.PAGERDUTY_PATH))
                    : post(urlPathEqualTo(Secrets.INCIDENTS_WEBHOOK_PATH));
            admin.register(request.atPriority(1)
                    .withRequestBody(containing(incidentId))
                    .inScenario(scenario).whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(pagerDuty ? pagerDutyAnswer(statuses[i]) : slackAnswer(statuses[i])));
            state = next;
        }
    }

    private static ResponseDefinitionBuilder pagerDutyAnswer(int status) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status);
        return switch (status) {
            case 429 -> response.withHeader("Retry-After", "1").withBody("{\"status\":\"throttle event\"}");
            case 400 -> response.withHeader("Content-Type", "application/json").withBody(
                    "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"refused by test\"]}");
            default -> response.withBody("{\"status\":\"unavailable\"}");
        };
    }

    private static ResponseDefinitionBuilder slackAnswer(int status) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status);
        return switch (status) {
            case 429 -> response.withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":false,\"error\":\"rate_limited\"}");
            case 400 -> response.withBody("invalid_payload");
            case 403 -> response.withBody("action_prohibited");
            case 404 -> response.withBody("channel_not_found");
            case 410 -> response.withBody("channel_is_archived");
            default -> response.withBody("rollup_error");
        };
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
