package io.lifeline.health;

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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.KafkaBroker;
import io.lifeline.testsupport.PackagedService;
import io.lifeline.testsupport.ProbeTargetServer;
import io.lifeline.testsupport.TestDatabase;

/**
 * A real monitor restart mid-incident: the packaged health-monitor ({@code target/quarkus-app}) as its
 * own process probes an HTTP component the test takes down; once the incident is opened (and stored),
 * the process is killed with SIGKILL and a new one is started on the same database and broker while
 * the component is still down. The new process pages nobody again, and when the component comes
 * back it resolves the first process's incident, once.
 */
class MonitorRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String DEDUP_KEY = "api/down";
    /** The shipped api probe's failure threshold (application.properties, prod profile). */
    private static final int API_FAILURE_THRESHOLD = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaBroker kafka;
    private static TestDatabase database;
    private static ProbeTargetServer api;
    private static PrivateRedis redis;
    private static String redisUrl;
    private static final List<PackagedService> services = new ArrayList<>();

    @BeforeAll
    static void servers() throws SQLException {
        kafka = KafkaBroker.start();
        database = TestDatabase.create("health_monitor_it");
        // The shipped postgres probe counts songs: this database stands for the protected one too.
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE songs (id int PRIMARY KEY)");
            st.execute("INSERT INTO songs SELECT generate_series(1, 10)");
        }
        api = ProbeTargetServer.start();
        redis = new PrivateRedis();
        redisUrl = redis.start().get("lifeline.health.probes.redis.url");
    }

    @AfterAll
    static void stop() {
        services.forEach(PackagedService::close);
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
    void aMonitorKilledMidIncidentPagesOnceAndResolvesTheSameIncident() throws Exception {
        Monitor first = Monitor.start("first");
        await().atMost(WAIT).until(() -> first.componentState("api").equals("up"));
        Instant outage = Instant.now();
        api.answer(503);
        try (EventTopics topics = new EventTopics(kafka.bootstrapServers())) {
            IncidentOpened opened = topics.awaitEvents(io.lifeline.events.EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals(DEDUP_KEY) && !e.openedAt().isBefore(outage), WAIT).get(0).payload();
            String incidentId = opened.incidentId();
            // Killed once the incident is recorded (its event was written with it, in one transaction).
            await().atMost(WAIT).until(() -> storedIncident(DEDUP_KEY).filter(incidentId::equals).isPresent());
            first.kill();

            // Still down: the new process probes it well past the threshold without paging again.
            Monitor second = Monitor.start("second");
            int requestsAtStart = api.requestCount();
            await().atMost(WAIT).until(() -> api.requestCount() >= requestsAtStart + API_FAILURE_THRESHOLD + 2
                    && second.openIncidents("api").contains(incidentId));
            assertThat(Events.opened(topics, DEDUP_KEY, outage)).extracting(IncidentOpened::incidentId)
                    .containsExactly(incidentId);

            // Back up: the first process's incident is resolved, by id, exactly once.
            api.answer(200);
            topics.awaitEvents(io.lifeline.events.EventTypes.INCIDENT_RESOLVED, 1,
                    e -> e.incidentId().equals(incidentId), WAIT);
            await().atMost(WAIT).until(() -> storedIncident(DEDUP_KEY).isEmpty());
            int requestsResolved = api.requestCount();
            await().atMost(WAIT).until(() -> api.requestCount() >= requestsResolved + 3
                    && second.componentState("api").equals("up"));
            assertThat(Events.resolved(topics, incidentId)).extracting(IncidentResolved::dedupKey)
                    .containsExactly(DEDUP_KEY);
            assertThat(Events.opened(topics, DEDUP_KEY, outage)).hasSize(1);
            second.kill();
        }
    }

    /** The incident id stored as open for the dedup key, if any. */
    private static Optional<String> storedIncident(String dedupKey) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement st = c.prepareStatement(
                        "SELECT incident_id FROM health_monitor.open_incident WHERE dedup_key = ?")) {
            st.setString(1, dedupKey);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return Optional.empty(); // not migrated yet
            }
            throw e;
        }
    }

    /** The packaged health-monitor as its own process. */
    private record Monitor(PackagedService service, HttpClient http) {

        static Monitor start(String name) throws IOException {
            PackagedService service = PackagedService.start("health-monitor-it-" + name, kafka, database, Map.of(
                    "LIFELINE_PROBE_INTERVAL", "1s",
                    "LIFELINE_PROBE_TARGET_URL", api.baseUrl() + "/health",
                    "LIFELINE_PROBE_PG_URL", "postgresql://" + database.user() + "@" + database.host() + ":"
                            + database.port() + "/" + database.name(),
                    "LIFELINE_PROBE_PG_PASSWORD", database.password(),
                    "LIFELINE_PROBE_REDIS_URL", redisUrl), WAIT);
            services.add(service);
            return new Monitor(service, HttpClient.newHttpClient());
        }

        JsonNode component(String component) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + "/status")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode c : JSON.readTree(response.body()).path("components")) {
                if (c.path("component").asText().equals(component)) {
                    return c;
                }
            }
            return JSON.createObjectNode();
        }

        String componentState(String component) throws IOException, InterruptedException {
            return component(component).path("state").asText();
        }

        List<String> openIncidents(String component) throws IOException, InterruptedException {
            List<String> ids = new ArrayList<>();
            component(component).path("incidents").forEach(i -> ids.add(i.path("incidentId").asText()));
            return ids;
        }

        /** SIGKILL: no shutdown hook, nothing flushed. */
        void kill() throws InterruptedException {
            service.kill();
        }
    }
}
