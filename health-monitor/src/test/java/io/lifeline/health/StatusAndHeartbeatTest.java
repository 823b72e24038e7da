package io.lifeline.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.health.HealthHeartbeat;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /status} shows every component probed by each probe type; the heartbeat keeps coming. */
@QuarkusTest
class StatusAndHeartbeatTest {

    @Test
    void statusShowsEveryComponentItsStateAndLastResults() {
        for (String component : List.of("api", "postgres", "redis", "kafka", "monitor-disk", "ledger-db")) {
            Status.awaitUp(component);
        }
        given().when().get("/status").then().statusCode(200)
                .body("components.component", hasItems("api", "postgres", "redis", "kafka", "monitor-disk",
                        "ledger-db", "flappy"))
                .body("components.find { it.component == 'api' }.dependsOn", hasItems("postgres"))
                .body("components.find { it.component == 'api' }.since", org.hamcrest.Matchers.notNullValue())
                .body("components.find { it.component == 'postgres' }.probes.name", hasItems("postgres",
                        "postgres-port"))
                .body("components.find { it.component == 'postgres' }.probes.find { it.name == 'postgres' }"
                        + ".measurements.value", equalTo(ThrowawayPostgres.SONGS))
                .body("components.find { it.component == 'postgres' }.probes.find { it.name == 'postgres' }"
                        + ".target", equalTo("postgresql://postgres@127.0.0.1:" + ThrowawayPostgres.port()
                                + "/mycelix"))
                .body("components.find { it.component == 'redis' }.probes[0].lastResult.status", equalTo("PONG"))
                .body("components.find { it.component == 'redis' }.probes[0].measurements.usedMemoryBytes",
                        greaterThan(0))
                .body("components.find { it.component == 'kafka' }.probes[0].measurements.brokers", equalTo(1))
                .body("components.find { it.component == 'monitor-disk' }.probes[0].lastResult.ok", equalTo(true))
                .body("components.find { it.component == 'api' }.probes[0].lastResult.status", equalTo("200"));
    }

    @Test
    void aHeartbeatComesEveryIntervalFromOneInstanceCountingUp() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            List<ReceivedEvent<HealthHeartbeat>> beats = topics.awaitEvents(EventTypes.HEALTH_HEARTBEAT, 3,
                    h -> !h.at().isBefore(testStart), Duration.ofSeconds(20));
            assertThat(beats).allSatisfy(b -> {
                assertThat(b.key()).isEqualTo("health-monitor");
                assertThat(b.ceType()).isEqualTo("lifeline.health.heartbeat");
                assertThat(b.payload().intervalSeconds()).isEqualTo(1);
                assertThat(b.payload().components()).isGreaterThanOrEqualTo(7);
            });
            assertThat(beats).extracting(b -> b.payload().instance()).containsOnly(beats.get(0).payload().instance());
            assertThat(beats.get(1).payload().sequence()).isGreaterThan(beats.get(0).payload().sequence());
            assertThat(beats.get(2).payload().sequence()).isGreaterThan(beats.get(1).payload().sequence());
            given().when().get("/status").then().body("monitor", equalTo(beats.get(0).payload().instance()));
        }
    }
}
