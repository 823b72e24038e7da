package io.lifeline.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.FreePorts;
import io.lifeline.testsupport.KafkaProcess;
import io.lifeline.testsupport.PackagedService;
import io.lifeline.testsupport.ReceivedEvent;
import io.lifeline.testsupport.TestDatabase;
import io.lifeline.testsupport.TestTokens;

/**
 * restore-service SIGKILLed between a state change and its publish (issue 17, fault 2), on real
 * processes: with the broker killed, a restore fails and its {@code restore.failed} waits in the
 * outbox; the service is SIGKILLed; the broker and a new service process come back, and the event is
 * published exactly once, with the CloudEvents id written before the kill.
 */
class OutboxRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaProcess kafka;
    private static TestDatabase database;
    private static Path root;
    private static final List<PackagedService> services = new ArrayList<>();

    @BeforeAll
    static void servers() throws IOException {
        kafka = KafkaProcess.start();
        database = TestDatabase.create("restore_service_outbox_it");
        root = Files.createTempDirectory("lifeline-restore-it-");
    }

    @AfterAll
    static void stop() {
        services.forEach(PackagedService::close);
        if (database != null) {
            database.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void anEventLeftInTheOutboxByAKilledServiceIsPublishedOnceWithItsIdAfterTheRestart() throws Exception {
        PackagedService first = start("first");
        kafka.kill();

        // The restore's failure (nothing listens where the target should be) is stored, its event kept.
        String restoreId = requestRestore(first);
        String eventId = await().atMost(WAIT).until(() -> unpublished(restoreId), Optional::isPresent).get();
        assertThat(status(restoreId)).isEqualTo("failed");
        first.kill();

        kafka.restart();
        start("second");
        try (EventTopics topics = new EventTopics(kafka.bootstrapServers())) {
            ReceivedEvent<RestoreFailed> failed = topics.awaitEvents(EventTypes.RESTORE_FAILED, 1,
                    e -> e.restoreId().equals(restoreId), WAIT).get(0);
            assertThat(failed.ceId()).isEqualTo(eventId);
            assertThat(failed.payload().stage()).isEqualTo("connect");
            await().atMost(WAIT).until(() -> unpublished(restoreId).isEmpty());
            assertThat(topics.readAll("restore.failed")).filteredOn(r -> restoreId.equals(r.key())).hasSize(1);
        }
    }

    private static PackagedService start(String name) throws IOException {
        PackagedService service = PackagedService.start("restore-service-outbox-" + name, kafka.bootstrapServers(),
                database, Map.of(
                        // The prod profile's target, on a port where nothing listens: a restore fails at connect.
                        "LIFELINE_PROTECTED_DB_PORT", String.valueOf(FreePorts.next()),
                        "LIFELINE_BACKUP_DIR", root.resolve("backups").toString(),
                        "LIFELINE_LEGACY_BACKUP_DIR", root.resolve("legacy").toString(),
                        "LIFELINE_RESTORE_WORK_DIR", root.resolve("work").toString(),
                        "LIFELINE_OUTBOX_MAX_BACKOFF", "1s"),
                "/q/health/ready", WAIT);
        services.add(service);
        return service;
    }

    private static String requestRestore(PackagedService service) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(service.baseUrl() + "/restores"))
                .header("Authorization", "Bearer " + TestTokens.operator())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"target\":\"mycelix\"}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("restoreId").asText();
    }

    /** The id of the restore's restore.failed while it waits in the outbox. */
    private static Optional<String> unpublished(String restoreId) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT id FROM restore_service.outbox_event WHERE topic = 'restore.failed' AND event_key = ?"
                        + " AND published_at IS NULL")) {
            st.setString(1, restoreId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static String status(String restoreId) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT status FROM restore_service.restores WHERE restore_id = ?")) {
            st.setString(1, restoreId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }
}
