package io.lifeline.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.health.HealthHeartbeat;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.KafkaProcess;
import io.lifeline.testsupport.PackagedService;
import io.lifeline.testsupport.ProbeTargetServer;
import io.lifeline.testsupport.ReceivedEvent;
import io.lifeline.testsupport.TestDatabase;

/**
 * The bus itself down, on real processes: the packaged health-monitor against a Kafka broker process
 * that the test SIGKILLs while the platform's API fails too. Checked against what the PagerDuty and
 * Slack receiver, the database and Kafka record:
 * <ul>
 * <li>detection goes on: the API's incident is opened and stored while Kafka is dead;</li>
 * <li>the monitor pages PagerDuty and posts to the fallback Slack webhook directly, within
 * {@code page-after} + 15 s of the kill, with the bus incident's id as dedup key;</li>
 * <li>its health endpoint answers within a second, saying not ready;</li>
 * <li>a service whose heartbeats cannot cross the dead bus is not called silent until the bus is back;</li>
 * <li>the monitor is SIGKILLed with its events still in the outbox, a new one started; when Kafka is
 * back, each failure (the bus's own outage included) has exactly one {@code incident.opened}, with the
 * id written before the kill, and each is resolved once when it recovers; the direct page is resolved
 * after its grace, with the same dedup key.</li>
 * </ul>
 */
class BusOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration PAGE_AFTER = Duration.ofSeconds(10);
    private static final String ROUTING_KEY = "R0UT1NGKEY0000000000000000000042";
    private static final String PAGERDUTY = "/v2/enqueue";
    private static final String SLACK = "/services/T000/B000/fallback";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaProcess kafka;
    private static TestDatabase database;
    private static ProbeTargetServer api;
    private static PrivateRedis redis;
    private static String redisUrl;
    private static WireMockServer receiver;
    private static final List<PackagedService> services = new ArrayList<>();

    @BeforeAll
    static void servers() throws SQLException {
        kafka = KafkaProcess.start();
        database = TestDatabase.create("health_monitor_bus_it");
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE songs (id int PRIMARY KEY)");
            st.execute("INSERT INTO songs SELECT generate_series(1, 10)");
        }
        api = ProbeTargetServer.start();
        redis = new PrivateRedis();
        redisUrl = redis.start().get("lifeline.health.probes.redis.url");
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        // PagerDuty Events v2 answers 202 to a well-formed event (EXTERNAL_APIS.md); Slack 200 "ok".
        receiver.stubFor(post(urlEqualTo(PAGERDUTY))
                .withRequestBody(matchingJsonPath("$.routing_key", equalTo(ROUTING_KEY)))
                .withRequestBody(matchingJsonPath("$.event_action"))
                .withRequestBody(matchingJsonPath("$.dedup_key"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
        receiver.stubFor(post(urlEqualTo(SLACK)).withRequestBody(matchingJsonPath("$.text"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @AfterAll
    static void stop() {
        services.forEach(PackagedService::close);
        if (receiver != null) {
            receiver.stop();
        }
        if (api != null) {
            api.close();
        }
        if (redis != null) {
            redis.stop();
        }
        if (database != null) {
            database.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void withKafkaKilledTheMonitorDetectsPagesDirectlyAndTellsTheWholeStoryOnceWhenItIsBack() throws Exception {
        PackagedService first = start("first", "/q/health/ready");
        await().atMost(WAIT).until(() -> state(first, "api").equals("up") && state(first, "kafka").equals("up"));

        // A service that beats every second: while the bus is down its silence is the bus's, not its own.
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        // Beats until the monitor has one: its consumer starts at the latest offset once assigned.
        try (EventTopics topics = new EventTopics(kafka.bootstrapServers())) {
            long[] sequence = {0};
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                topics.sendRaw("health.heartbeat", service, EventCodec.encode(EventTypes.HEALTH_HEARTBEAT,
                        new HealthHeartbeat(service, "i-1", ++sequence[0], Instant.now(), 1, 0, 0, 0)), Map.of());
                return heard(service);
            });
        }

        Instant killed = Instant.now();
        kafka.kill();
        api.answer(503);

        // Detection goes on: the API's incident is opened and stored (with its event) while the bus is dead.
        String apiIncident = await().atMost(WAIT).until(() -> storedIncident("api/down"), Optional::isPresent).get();
        assertThat(unpublished("api/down")).as("incident.opened waits in the outbox").isEqualTo(1);

        // The direct page, within page-after + 15 s of the kill, keyed by the bus incident's id.
        LoggedRequest trigger = await().atMost(PAGE_AFTER.plusSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> pagerDuty("trigger"), l -> !l.isEmpty()).get(0);
        assertThat(Duration.between(killed, trigger.getLoggedDate().toInstant())).isLessThan(PAGE_AFTER.plusSeconds(15));
        JsonNode page = JSON.readTree(trigger.getBodyAsString());
        assertThat(page.path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(page.path("payload").path("component").asText()).isEqualTo("kafka");
        await().atMost(WAIT).until(() -> !slackPosts().isEmpty());
        assertThat(slackPosts().get(0)).contains("kafka").contains("unreachable");

        // Its health answers at once, and says what is wrong.
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(first.baseUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(503);

        // Killed with its story still in the outbox; a new monitor takes over while Kafka is still dead.
        String busIncident = await().atMost(WAIT).until(() -> storedIncident("kafka/down"), Optional::isPresent).get();
        assertThat(page.path("dedup_key").asText()).isEqualTo(busIncident);
        first.kill();
        PackagedService second = start("second", "/q/health/live");
        kafka.restart();
        Instant back = Instant.now();

        try (EventTopics topics = new EventTopics(kafka.bootstrapServers())) {
            List<ReceivedEvent<IncidentOpened>> apiOpened = opened(topics, "api/down", killed, 1);
            List<ReceivedEvent<IncidentOpened>> busOpened = opened(topics, "kafka/down", killed, 1);
            assertThat(apiOpened).extracting(e -> e.payload().incidentId()).containsExactly(apiIncident);
            assertThat(busOpened).extracting(e -> e.payload().incidentId()).containsExactly(busIncident);
            assertThat(busOpened.get(0).payload().openedAt()).isBefore(Instant.now());
            assertThat(apiOpened.get(0).payload().openedAt()).as("opened while Kafka was dead").isAfter(killed);

            // Both recover: each incident resolved once, by the second monitor.
            api.answer(200);
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(apiIncident), WAIT);
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(busIncident), WAIT);
            await().atMost(WAIT).until(() -> state(second, "api").equals("up") && state(second, "kafka").equals("up"));
            // Silent only counted from the bus's return: one incident, opened after it, not during the outage.
            List<ReceivedEvent<IncidentOpened>> silent = opened(topics, service + "/silent", killed, 1);
            assertThat(silent).hasSize(1);
            assertThat(silent.get(0).payload().openedAt()).isAfter(back.minusSeconds(1));
            assertThat(opened(topics, "api/down", killed, 1)).hasSize(1);
            assertThat(opened(topics, "kafka/down", killed, 1)).hasSize(1);
            assertThat(topics.readAll("incident.resolved").stream()
                    .filter(r -> r.value().contains(apiIncident) || r.value().contains(busIncident))).hasSize(2);
        }

        // The direct page is resolved after its grace, with its own dedup key; Slack heard that the bus is back.
        await().atMost(WAIT).until(() -> !pagerDuty("resolve").isEmpty());
        assertThat(JSON.readTree(pagerDuty("resolve").get(0).getBodyAsString()).path("dedup_key").asText())
                .isEqualTo(busIncident);
        await().atMost(WAIT).until(() -> slackPosts().stream().anyMatch(t -> t.contains("reachable again")));
        assertThat(pagerDuty("trigger")).extracting(r -> JSON.readTree(r.getBodyAsString()).path("dedup_key").asText())
                .containsOnly(busIncident);
    }

    // ------------------------------------------------------------------ helpers

    private static PackagedService start(String name, String healthPath) throws IOException {
        PackagedService service = PackagedService.start("health-monitor-bus-" + name, kafka.bootstrapServers(),
                database, Map.ofEntries(
                        Map.entry("LIFELINE_PROBE_INTERVAL", "1s"),
                        Map.entry("LIFELINE_PROBE_TARGET_URL", api.baseUrl() + "/health"),
                        Map.entry("LIFELINE_PROBE_PG_URL", "postgresql://" + database.user() + "@" + database.host()
                                + ":" + database.port() + "/" + database.name()),
                        Map.entry("LIFELINE_PROBE_PG_PASSWORD", database.password()),
                        Map.entry("LIFELINE_PROBE_REDIS_URL", redisUrl),
                        Map.entry("LIFELINE_HEALTH_PROBES_KAFKA_TIMEOUT", "2s"),
                        Map.entry("LIFELINE_HEALTH_PROBES_KAFKA_FAILURE_THRESHOLD", "2"),
                        Map.entry("LIFELINE_BUS_PAGE_AFTER", PAGE_AFTER.toSeconds() + "s"),
                        Map.entry("LIFELINE_HEALTH_BUS_CHECK_INTERVAL", "1s"),
                        Map.entry("LIFELINE_HEALTH_BUS_RESOLVE_GRACE", "5s"),
                        Map.entry("LIFELINE_PAGERDUTY_URL", receiver.baseUrl() + PAGERDUTY),
                        Map.entry("LIFELINE_PAGERDUTY_ROUTING_KEY", ROUTING_KEY),
                        Map.entry("LIFELINE_SLACK_FALLBACK_WEBHOOK_URL", receiver.baseUrl() + SLACK)),
                healthPath, WAIT);
        services.add(service);
        return service;
    }

    private static List<ReceivedEvent<IncidentOpened>> opened(EventTopics topics, String dedupKey, Instant after,
            int atLeast) {
        return topics.awaitEvents(EventTypes.INCIDENT_OPENED, atLeast,
                e -> e.dedupKey().equals(dedupKey) && !e.openedAt().isBefore(after.minusSeconds(30)), WAIT);
    }

    private static List<LoggedRequest> pagerDuty(String action) {
        return receiver.findAll(postRequestedFor(urlEqualTo(PAGERDUTY))).stream()
                .filter(r -> r.getBodyAsString().contains("\"event_action\":\"" + action + "\"")).toList();
    }

    private static List<String> slackPosts() {
        return receiver.findAll(postRequestedFor(urlEqualTo(SLACK))).stream().map(LoggedRequest::getBodyAsString)
                .toList();
    }

    private static String state(PackagedService service, String component) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(service.baseUrl() + "/status")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode c : JSON.readTree(response.body()).path("components")) {
            if (c.path("component").asText().equals(component)) {
                return c.path("state").asText();
            }
        }
        return "";
    }

    private static Optional<String> storedIncident(String dedupKey) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT incident_id FROM health_monitor.open_incident WHERE dedup_key = ?")) {
            st.setString(1, dedupKey);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether the monitor has stored a heartbeat of {@code service}. */
    private static boolean heard(String service) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM health_monitor.watch_state WHERE name = 'heartbeats' AND body LIKE ?")) {
            st.setString(1, "%\"" + service + "\"%");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static long unpublished(String dedupKey) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM health_monitor.outbox_event WHERE topic = 'incident.opened' "
                        + "AND published_at IS NULL AND data::jsonb ->> 'dedupKey' = ?")) {
            st.setString(1, dedupKey);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
