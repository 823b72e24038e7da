package io.lifeline.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.health.MaintenanceEnded;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A maintenance window declared over REST: redis killed inside it opens no incident; the window's
 * opening and closing are events; once it closes, redis still down is paged.
 */
@QuarkusTest
class MaintenanceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @AfterEach
    void healthyAgain() {
        Status.awaitUp("redis");
    }

    @Test
    void failuresInsideAWindowOpenNoIncidentAndArePagedOnceItCloses() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            String windowId = given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                    .body(Map.of("components", List.of("redis"), "endsAt", Instant.now().plusSeconds(8).toString(),
                            "reason", "redis upgrade"))
                    .when().post("/maintenance").then().statusCode(200).extract().path("id");
            given().when().get("/maintenance").then().statusCode(200).body("id", hasItem(windowId));
            var started = topics.awaitEvents(EventTypes.MAINTENANCE_STARTED, 1,
                    e -> e.windowId().equals(windowId), WAIT).get(0);
            assertThat(started.payload().components()).containsExactly("redis");
            assertThat(started.payload().declaredBy()).isNotBlank();

            String incidentId;
            try {
                PrivateRedis.killNow();
                topics.awaitEvents(EventTypes.HEALTH_DEGRADED, 1,
                        e -> e.component().equals("redis") && !e.since().isBefore(testStart), WAIT);
                ReceivedEvent<MaintenanceEnded> ended = topics.awaitEvents(EventTypes.MAINTENANCE_ENDED, 1,
                        e -> e.windowId().equals(windowId), WAIT).get(0);
                assertThat(ended.payload().how()).isEqualTo(MaintenanceEnded.EXPIRED);

                IncidentOpened opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                        e -> e.dedupKey().equals("redis/down") && !e.openedAt().isBefore(testStart), WAIT)
                        .get(0).payload();
                assertThat(opened.openedAt()).isAfterOrEqualTo(ended.payload().endedAt());
                incidentId = opened.incidentId();
            } finally {
                PrivateRedis.restart();
            }
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);
            assertThat(Events.opened(topics, "redis/down", testStart)).hasSize(1);
            assertThat(topics.readAll(EventTypes.MAINTENANCE_STARTED.topic()).stream()
                    .filter(r -> r.key().equals(windowId)).count()).isEqualTo(1);
            assertThat(topics.readAll(EventTypes.MAINTENANCE_ENDED.topic()).stream()
                    .filter(r -> r.key().equals(windowId)).count()).isEqualTo(1);
        }
    }

    @Test
    void anOperatorEndsAWindowEarlyAndOnlyAnOperatorMayDeclareOne() {
        Map<String, Object> body = Map.of("components", List.of("flappy"),
                "endsAt", Instant.now().plusSeconds(3600).toString(), "reason", "cancelled soon");
        given().contentType("application/json").body(body).when().post("/maintenance").then().statusCode(401);
        given().auth().oauth2(TestTokens.approver()).contentType("application/json").body(body)
                .when().post("/maintenance").then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body(Map.of("components", List.of("flappy"), "endsAt", Instant.now().minusSeconds(5).toString(),
                        "reason", "in the past"))
                .when().post("/maintenance").then().statusCode(400);

        String windowId = given().auth().oauth2(TestTokens.operator()).contentType("application/json").body(body)
                .when().post("/maintenance").then().statusCode(200).extract().path("id");
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.awaitEvents(EventTypes.MAINTENANCE_STARTED, 1, e -> e.windowId().equals(windowId), WAIT);
            given().when().delete("/maintenance/" + windowId).then().statusCode(401);
            given().auth().oauth2(TestTokens.operator()).when().delete("/maintenance/" + windowId)
                    .then().statusCode(200);
            given().auth().oauth2(TestTokens.operator()).when().delete("/maintenance/mw-nope")
                    .then().statusCode(404);
            MaintenanceEnded ended = topics.awaitEvents(EventTypes.MAINTENANCE_ENDED, 1,
                    e -> e.windowId().equals(windowId), WAIT).get(0).payload();
            assertThat(ended.how()).isEqualTo(MaintenanceEnded.CANCELLED);
        }
    }
}
