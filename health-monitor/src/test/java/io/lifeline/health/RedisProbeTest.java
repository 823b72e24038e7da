package io.lifeline.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.health.HealthRecovered;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.health.service.MonitorLifecycle;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;

/** A private redis-server killed and restarted: one incident per outage, even across a monitor restart. */
@QuarkusTest
class RedisProbeTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    MonitorLifecycle lifecycle;

    @AfterEach
    void healthyAgain() {
        Status.awaitUp("redis");
    }

    @Test
    void redisKilledOpensOneHighIncidentAndItsRestartResolvesIt() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            ReceivedEvent<IncidentOpened> opened;
            try {
                PrivateRedis.killNow();
                opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                        e -> e.dedupKey().equals("redis/down") && !e.openedAt().isBefore(testStart), WAIT).get(0);
            } finally {
                PrivateRedis.restart();
            }
            assertThat(opened.payload().severity()).isEqualTo(Severity.HIGH);
            assertThat(opened.payload().signals().get(0).detail().get("lastError").toString())
                    .contains("Connection refused");
            String incidentId = opened.payload().incidentId();
            ReceivedEvent<HealthRecovered> recovered = topics.awaitEvents(EventTypes.HEALTH_RECOVERED, 1,
                    e -> e.component().equals("redis") && !e.at().isBefore(testStart), WAIT).get(0);
            assertThat(recovered.payload().results()).last().satisfies(r -> assertThat(r.status()).isEqualTo("PONG"));
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);

            assertThat(Events.opened(topics, "redis/down", testStart)).hasSize(1);
            assertThat(Events.resolved(topics, incidentId)).hasSize(1);
        }
    }

    @Test
    void aMonitorRestartMidIncidentPagesNobodyTwiceAndStillResolves() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            String incidentId;
            try {
                PrivateRedis.killNow();
                incidentId = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                        e -> e.dedupKey().equals("redis/down") && !e.openedAt().isBefore(testStart), WAIT)
                        .get(0).payload().incidentId();

                // The restart: everything in memory is dropped and read back from the monitor's database.
                lifecycle.restore().await().atMost(Duration.ofSeconds(30));
                // Let the still-failing probe run well past its failure threshold (2) after the restart.
                await().atMost(WAIT).until(() -> redisConsecutiveFailures() >= 4);
                assertThat(Status.state("redis")).isEqualTo("degraded");
            } finally {
                PrivateRedis.restart();
            }
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);

            assertThat(Events.opened(topics, "redis/down", testStart)).hasSize(1);
            assertThat(Events.resolved(topics, incidentId)).hasSize(1);
        }
    }

    private static int redisConsecutiveFailures() {
        return given().when().get("/probes").then().statusCode(200).extract().jsonPath()
                .getInt("find { it.name == 'redis' }.consecutiveFailures");
    }
}
