package io.lifeline.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.health.HealthHeartbeat;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ProbeTargetServer;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Lifeline watches itself, over the real broker: a service that stops sending heartbeats is an
 * incident naming it, resolved by its next heartbeat; a record on any dead-letter topic is an incident
 * naming the topic and the reason; the dead-man ping reaches the outside heartbeat service.
 */
@QuarkusTest
class SelfWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aServiceSilentForThreeIntervalsIsAnIncidentNamingItAndItsNextHeartbeatResolvesIt() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Instant sent = Instant.now();
            topics.sendRaw("health.heartbeat", service, EventCodec.encode(EventTypes.HEALTH_HEARTBEAT,
                    new HealthHeartbeat(service, "i-1", 1, sent, 1, 0, 0, 0)), Map.of());

            IncidentOpened silent = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals(service + "/silent"), WAIT).get(0).payload();
            assertThat(silent.component()).isEqualTo(service);
            assertThat(silent.severity()).isEqualTo(Severity.HIGH);
            assertThat(silent.summary()).contains(service).contains("no heartbeat").contains("expected every 1 s");
            assertThat(silent.openedAt()).isAfterOrEqualTo(sent.plusSeconds(3).minusMillis(500));

            topics.sendRaw("health.heartbeat", service, EventCodec.encode(EventTypes.HEALTH_HEARTBEAT,
                    new HealthHeartbeat(service, "i-2", 1, Instant.now(), 60, 0, 0, 0)), Map.of());
            assertThat(topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1,
                    e -> e.incidentId().equals(silent.incidentId()), WAIT).get(0).payload().resolution())
                    .contains("i-2");
        }
    }

    @Test
    void theDeadManPingReachesTheOutsideHeartbeatServiceEveryPeriod() {
        String target = ConfigProvider.getConfig().getValue("lifeline.test.dead-man-target", String.class);
        int before = pings(target);
        // Every second in the test profile; three within ten seconds leaves room for a slow machine.
        await().atMost(Duration.ofSeconds(10)).until(() -> pings(target) >= before + 3);
    }

    private static int pings(String target) {
        return Integer.parseInt(given().baseUri(target).when().get(ProbeTargetServer.REQUESTS_PATH).asString());
    }

    @Test
    void aRecordOnAnyDeadLetterTopicIsAnIncidentNamingTheTopicAndTheReason() {
        String service = "dl-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "dlq." + service;
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.sendRaw(topic, "k", "{\"oops\"", Map.of("dead-letter-reason", "backup.completed: unreadable JSON",
                    "dead-letter-topic", "backup.completed"));

            IncidentOpened opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals(topic + "/dead-letter"), WAIT).get(0).payload();
            assertThat(opened.severity()).isEqualTo(Severity.HIGH);
            assertThat(opened.component()).isEqualTo(topic);
            assertThat(opened.summary()).contains("1 record(s) on " + topic).contains(service)
                    .contains("backup.completed: unreadable JSON");
        }
    }
}
