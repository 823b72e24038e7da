package io.lifeline.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code flappy} pages on its first failure and recovers on its first success; allowed 3 flips in
 * 8 s. Turned on and off again and again, it is reported as flapping once, not paged on every flip,
 * and the flapping incident is resolved once it has kept one state for the whole window.
 */
@QuarkusTest
class FlappingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @AfterEach
    void healthyAgain() {
        ProbeTarget.flappy(200);
    }

    @Test
    void aComponentFlippingTooOftenIsReportedAsFlappingOnce() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            for (int i = 0; i < 4; i++) {
                ProbeTarget.flappy(503);
                await().atMost(WAIT).until(() -> flappyDegraded());
                ProbeTarget.flappy(200);
                await().atMost(WAIT).until(() -> !flappyDegraded());
            }
            ReceivedEvent<IncidentOpened> flapping = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals("flappy/flapping") && !e.openedAt().isBefore(testStart), WAIT).get(0);
            assertThat(flapping.payload().severity()).isEqualTo(Severity.HIGH);
            assertThat(flapping.payload().summary()).contains("flappy is flapping");
            assertThat(Status.state("flappy")).isEqualTo("flapping");

            // Stable (up) for the whole window: the episode ends, once.
            String incidentId = flapping.payload().incidentId();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);
            assertThat(Status.state("flappy")).isEqualTo("up");

            assertThat(Events.opened(topics, "flappy/flapping", testStart)).hasSize(1);
            assertThat(Events.resolved(topics, incidentId)).hasSize(1);
            // Paged for the first flips (the 4th flip revealed the flapping); none after that.
            assertThat(Events.opened(topics, "flappy/down", testStart))
                    .hasSizeLessThanOrEqualTo(2)
                    .allSatisfy(down -> assertThat(down.openedAt()).isBefore(flapping.payload().openedAt()));
        }
    }

    private static boolean flappyDegraded() {
        return given().when().get("/probes").then().statusCode(200).extract().jsonPath()
                .getBoolean("find { it.name == 'flappy' }.degraded");
    }
}
