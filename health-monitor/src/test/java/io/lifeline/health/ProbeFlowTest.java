package io.lifeline.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.HealthRecovered;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole chain against a real broker: the probed API starts failing, the scheduled probe sees
 * it, a valid {@code health.degraded} CloudEvent and an {@code incident.opened} reach Kafka; the API
 * recovers, and {@code health.recovered} and {@code incident.resolved} follow with the same incident id.
 */
@QuarkusTest
class ProbeFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * A failure is stamped with the start of the probe that saw it: a probe already on its way when the
     * target went down (test interval 1 s) carries a time up to one interval before the test's own.
     */
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    @AfterEach
    void healthyAgain() {
        ProbeTarget.answer(200);
        Status.awaitUp("api");
    }

    @Test
    void anOutageOpensAnIncidentAndTheRecoveryResolvesIt() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            Instant failing = Instant.now();
            ProbeTarget.answer(503);

            ReceivedEvent<HealthDegraded> degraded = topics.awaitEvents(EventTypes.HEALTH_DEGRADED, 1,
                    e -> e.component().equals("api") && !e.since().isBefore(testStart.minus(PROBE_INTERVAL)), WAIT).get(0);
            assertThat(degraded.key()).isEqualTo("api");
            assertThat(degraded.ceType()).isEqualTo("lifeline.health.degraded");
            assertThat(degraded.ceSource()).isEqualTo("urn:lifeline:health-monitor");
            assertThat(degraded.ceSubject()).isEqualTo("api");
            assertThat(degraded.ceSpecVersion()).isEqualTo("1.0");
            assertThat(degraded.ceId()).isNotBlank();
            assertThat(degraded.ceTime()).isNotBlank();
            assertThat(degraded.payload().consecutiveFailures()).isGreaterThanOrEqualTo(2);
            assertThat(degraded.payload().results()).isNotEmpty()
                    .last().satisfies(r -> {
                        assertThat(r.ok()).isFalse();
                        assertThat(r.status()).isEqualTo("503");
                        assertThat(r.error()).contains("expected status 200, got 503");
                    });

            ReceivedEvent<IncidentOpened> opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.incident().dedupKey().equals("api/down") && !e.incident().openedAt().isBefore(testStart),
                    WAIT).get(0);
            String incidentId = opened.payload().incident().id();
            assertThat(opened.key()).isEqualTo(incidentId);
            assertThat(opened.ceType()).isEqualTo("lifeline.incident.opened");
            assertThat(opened.payload().incident().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(opened.payload().incident().component()).isEqualTo("api");
            assertThat(opened.payload().incident().runbookUrl()).startsWith("https://");
            assertThat(opened.payload().incident().signals()).extracting(s -> s.type()).contains("health.degraded");
            // Detection latency: at most interval (1 s) x failure threshold (2) + 1 s from failing to paged.
            assertThat(Duration.between(failing, opened.payload().openedAt())).isLessThanOrEqualTo(Duration.ofSeconds(3));

            ProbeTarget.answer(200);

            ReceivedEvent<HealthRecovered> recovered = topics.awaitEvents(EventTypes.HEALTH_RECOVERED, 1,
                    e -> e.component().equals("api") && !e.at().isBefore(testStart), WAIT).get(0);
            assertThat(recovered.key()).isEqualTo("api");
            assertThat(recovered.payload().degradedSince()).isEqualTo(degraded.payload().since());

            ReceivedEvent<IncidentResolved> resolved = topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1,
                    e -> e.incidentId().equals(incidentId), WAIT).get(0);
            assertThat(resolved.key()).isEqualTo(incidentId);
            assertThat(resolved.payload().dedupKey()).isEqualTo("api/down");
        }
    }

    @Test
    void aSustainedOutageOpensOneIncidentNotOnePerProbe() {
        Instant testStart = Instant.now();
        try (EventTopics topics = EventTopics.fromConfig()) {
            ProbeTarget.answer(500);
            topics.awaitEvents(EventTypes.HEALTH_DEGRADED, 1,
                    e -> e.component().equals("api") && !e.since().isBefore(testStart.minus(PROBE_INTERVAL)), WAIT);
            // Let the failing probe run several more times, then recover and wait for the resolution.
            int seen = ProbeTarget.requests();
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> ProbeTarget.requests() >= seen + 4);
            List<ReceivedEvent<IncidentOpened>> opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.dedupKey().equals("api/down") && !e.incident().openedAt().isBefore(testStart), WAIT);
            String incidentId = opened.get(0).payload().incident().id();
            ProbeTarget.answer(200);
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incidentId), WAIT);

            long openedDuringOutage = topics.readAll(EventTypes.INCIDENT_OPENED.topic()).stream()
                    .map(r -> io.lifeline.events.EventCodec.decode(EventTypes.INCIDENT_OPENED, r.value()))
                    .filter(e -> e.dedupKey().equals("api/down") && !e.incident().openedAt().isBefore(testStart))
                    .count();
            assertThat(openedDuringOutage).isEqualTo(1);
        }
    }
}
