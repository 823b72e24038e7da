package io.lifeline.notifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.notifier.receivers.ContractEnforcer;
import io.lifeline.notifier.receivers.Secrets;
import io.lifeline.notifier.service.MessageComposer;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.KafkaBroker;
import io.lifeline.testsupport.PackagedService;
import io.lifeline.testsupport.TestDatabase;

/**
 * The packaged notifier as a real process, killed (SIGKILL) while PagerDuty holds its request —
 * sent, not yet recorded — then started again on the same database and broker: PagerDuty sees
 * the event again but opens one alert, one page; and the escalation timer set by the first
 * process fires in the second.
 */
class CrashRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaBroker kafka;
    private static TestDatabase database;
    private static WireMockServer receivers;
    private static final List<PackagedService> services = new ArrayList<>();

    @BeforeAll
    static void servers() {
        kafka = KafkaBroker.start();
        database = TestDatabase.create("notifier_it");
        receivers = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new ContractEnforcer()));
        receivers.start();
        receivers.stubFor(post(urlEqualTo("/v2/enqueue")).atPriority(10).willReturn(aResponse().withStatus(202)));
        receivers.stubFor(post(urlPathMatching("/services/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @AfterAll
    static void stop() {
        services.forEach(PackagedService::close);
        if (receivers != null) {
            receivers.stop();
        }
        if (database != null) {
            database.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void killedBetweenSendAndRecordStillPagesExactlyOnceAndTheTimerSurvives() throws Exception {
        IncidentOpened opened = Incidents.opened("api", Severity.CRITICAL);
        String id = opened.incidentId();
        // PagerDuty takes the first event about this incident and holds the answer: the notifier
        // has sent it and cannot record it yet.
        receivers.stubFor(post(urlEqualTo("/v2/enqueue")).atPriority(1).withRequestBody(containing(id))
                .inScenario("crash").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .willReturn(aResponse().withStatus(202).withFixedDelay(60_000)));

        Notifier first = Notifier.start("first");
        try (EventTopics topics = new EventTopics(kafka.bootstrapServers())) {
            Incidents.open(topics, opened);
            await().atMost(WAIT).until(() -> triggers(id, 0).size() == 1);
            first.kill();

            Notifier second = Notifier.start("second");
            // The lease of the claimed row runs out, the second process sends it again.
            await().atMost(WAIT).until(() -> triggers(id, 0).size() >= 2);
            topics.awaitEvent(EventTypes.NOTIFICATION_SENT, e -> e.incidentId().equals(id)
                    && e.channel().equals("pagerduty"));
            List<JsonNode> sameEvent = triggers(id, 0);
            assertThat(sameEvent).extracting(b -> b.path("routing_key").asText() + "|" + b.path("dedup_key").asText())
                    .containsOnly(Secrets.DEVOPS_KEY + "|" + id);
            // Same routing key and dedup key, alert still open: PagerDuty folds the repeat into one alert.
            assertThat(alertsOpened(id, 0)).isEqualTo(1);
            await().atMost(WAIT).until(() -> "SENT".equals(row(id, "page-0").get("status")));
            // Claimed once by the killed process, once by the new one: sent twice, recorded once.
            assertThat(row(id, "page-0")).containsEntry("attempts", 2);

            // Escalation was due three seconds after the opening, set by the first process.
            await().atMost(WAIT).until(() -> triggers(id, 1).size() == 1);
            assertThat(alertsOpened(id, 1)).isEqualTo(1);
            await().atMost(WAIT).until(() -> "SENT".equals(row(id, "page-1").get("status")));
            second.kill();
        }
    }

    /** Trigger requests PagerDuty received for one escalation level of an incident, oldest first. */
    private static List<JsonNode> triggers(String id, int level) {
        return accepted(id, level).stream().filter(b -> b.path("event_action").asText().equals("trigger")).toList();
    }

    /** Every event PagerDuty received for one escalation level of an incident, oldest first. */
    private static List<JsonNode> accepted(String id, int level) {
        String dedupKey = MessageComposer.dedupKey(id, level);
        List<ServeEvent> events = new ArrayList<>(receivers.getAllServeEvents());
        List<JsonNode> found = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            ServeEvent e = events.get(i);
            JsonNode body = parse(e.getRequest().getBodyAsString());
            if (e.getRequest().getUrl().equals("/v2/enqueue") && body.path("dedup_key").asText().equals(dedupKey)) {
                found.add(body);
            }
        }
        return found;
    }

    /**
     * Alerts PagerDuty opened, replaying its rules: a trigger opens an alert unless one is open for the
     * same routing key and dedup key; a resolve closes it.
     */
    private static int alertsOpened(String id, int level) {
        Map<String, Boolean> open = new HashMap<>();
        int opened = 0;
        for (JsonNode event : accepted(id, level)) {
            String key = event.path("routing_key").asText() + "|" + event.path("dedup_key").asText();
            switch (event.path("event_action").asText()) {
                case "trigger" -> {
                    if (!open.getOrDefault(key, false)) {
                        opened++;
                        open.put(key, true);
                    }
                }
                case "resolve" -> open.put(key, false);
                default -> {
                }
            }
        }
        return opened;
    }

    private static Map<String, Object> row(String incidentId, String step) throws Exception {
        try (Connection c = database.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, attempts FROM notifier.notification WHERE incident_id = '"
                        + incidentId + "' AND step = '" + step + "' AND channel = 'pagerduty'")) {
            Map<String, Object> row = new HashMap<>();
            if (rs.next()) {
                row.put("status", rs.getString("status"));
                row.put("attempts", rs.getInt("attempts"));
            }
            return row;
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The packaged notifier ({@code target/quarkus-app}) as its own process. */
    private record Notifier(PackagedService service) {

        static Notifier start(String name) throws IOException {
            String base = "http://127.0.0.1:" + receivers.port();
            Map<String, String> env = new java.util.HashMap<>();
            env.put("LIFELINE_PAGERDUTY_URL", base + "/v2/enqueue");
            env.put("LIFELINE_PAGERDUTY_ROUTING_KEY", Secrets.DEVOPS_KEY);
            env.put("LIFELINE_SLACK_INCIDENTS_WEBHOOK_URL", base + Secrets.INCIDENTS_WEBHOOK_PATH);
            env.put("LIFELINE_SLACK_FALLBACK_WEBHOOK_URL", base + Secrets.FALLBACK_WEBHOOK_PATH);
            env.put("LIFELINE_ESCALATE_AFTER_DEVOPS", "3s");
            env.put("LIFELINE_NOTIFIER_RELAY_LEASE", "3s");
            env.put("LIFELINE_NOTIFIER_PAGERDUTY_TIMEOUT", "120s");
            env.put("LIFELINE_NOTIFIER_ESCALATION_INTERVAL", "1s");
            PackagedService service = PackagedService.start("notifier-it-" + name, kafka, database, env, WAIT);
            services.add(service);
            return new Notifier(service);
        }

        void kill() throws InterruptedException {
            service.kill();
        }
    }
}
