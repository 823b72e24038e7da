package io.lifeline.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;

/** Prometheus with a target down, and the API's error rate read from its /metrics. */
@QuarkusTest
class MonitoringProbeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @AfterEach
    void healthyAgain() {
        control("/__control/target-down/false");
        control("/__control/error-percent/0");
    }

    @Test
    void aPrometheusTargetDownIsAMediumDegradationNamingTheTarget() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            control("/__control/target-down/true");
            ReceivedEvent<IncidentOpened> opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals("prometheus/degraded") && !e.openedAt().isBefore(testStart), WAIT)
                    .get(0);
            assertThat(opened.payload().severity()).isEqualTo(Severity.MEDIUM);
            assertThat(opened.payload().summary())
                    .contains("1 of 2 Prometheus targets down: api/api:3100 (connection refused)");

            control("/__control/target-down/false");
            String incidentId = opened.payload().incidentId();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);
            assertThat(Events.opened(topics, "prometheus/degraded", testStart)).hasSize(1);
            assertThat(Events.opened(topics, "prometheus/down", testStart)).isEmpty();
        }
    }

    @Test
    void anApiErrorRateAboveTheThresholdIsAHighDegradation() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            control("/__control/error-percent/25");
            ReceivedEvent<IncidentOpened> opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals("api/degraded") && !e.openedAt().isBefore(testStart), WAIT).get(0);
            assertThat(opened.payload().severity()).isEqualTo(Severity.HIGH);
            assertThat(opened.payload().summary()).contains("error rate 25.0% over the last 100 requests");

            control("/__control/error-percent/0");
            String incidentId = opened.payload().incidentId();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);
            assertThat(Events.opened(topics, "api/degraded", testStart)).hasSize(1);
            assertThat(Events.opened(topics, "api/down", testStart)).isEmpty();
        }
    }

    private static void control(String path) {
        given().baseUri(ConfigProvider.getConfig().getValue("lifeline.test.monitoring-target", String.class))
                .when().put(path).then().statusCode(204);
    }
}
