package io.lifeline.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.notifier.receivers.Receivers;
import io.lifeline.notifier.receivers.Receivers.Received;
import io.lifeline.testsupport.EventTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Flapping (test config: component {@code flap-test}, window one minute, hold three seconds): an
 * incident reopened soon after its last resolution is told in Slack and its page held; if it
 * recovers within the hold nobody is paged, if it stays down it is paged once when the hold ends.
 */
@QuarkusTest
class FlappingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration HOLD = Duration.ofSeconds(3);

    @Test
    void aFlapThatRecoversWithinTheHoldPagesNobody() {
        Receivers receivers = Receivers.fromConfig();
        String dedupKey = "flap-test/down-" + UUID.randomUUID();
        try (EventTopics topics = EventTopics.fromConfig()) {
            downAndUp(topics, receivers, dedupKey);

            IncidentOpened again = Incidents.opened("flap-test", Severity.CRITICAL, dedupKey);
            Incidents.open(topics, again);
            Received told = await().atMost(WAIT).until(() -> receivers.slackIncidents(again.incidentId()),
                    p -> !p.isEmpty()).get(0);
            assertThat(told.text()).contains("reopened", "Flapping: resolved 1 time in the last 1m",
                    "is held until", "cancelled if it recovers first");
            JsonPath held = PagingFlowTest.incident(again.incidentId());
            assertThat(held.getInt("flaps")).isEqualTo(1);
            assertThat(held.getString("notifications.find { it.step == 'page-0' }.status")).isEqualTo("PENDING");

            Incidents.publish(topics, EventTypes.INCIDENT_RESOLVED, Incidents.resolved(again));
            await().atMost(WAIT).until(() -> PagingFlowTest.incident(again.incidentId())
                    .getString("notifications.find { it.step == 'page-0' }.status"), "CANCELLED"::equals);
            // Well past the hold: still nobody paged, and no resolve for an alert that never was.
            await().during(HOLD.plusSeconds(2)).atMost(HOLD.plusSeconds(5))
                    .until(() -> receivers.pagerDuty(again.incidentId()).isEmpty());
            await().atMost(WAIT).until(() -> receivers.slackIncidents(again.incidentId()), p -> p.stream()
                    .anyMatch(r -> r.text().contains("held page was cancelled")));
        }
    }

    @Test
    void aFlappingOutageThatStaysDownIsPagedOnceWhenTheHoldEnds() {
        Receivers receivers = Receivers.fromConfig();
        String dedupKey = "flap-test/down-" + UUID.randomUUID();
        try (EventTopics topics = EventTopics.fromConfig()) {
            downAndUp(topics, receivers, dedupKey);
            IncidentOpened second = downAndUp(topics, receivers, dedupKey);
            assertThat(PagingFlowTest.incident(second.incidentId()).getInt("flaps")).isEqualTo(1);

            IncidentOpened third = Incidents.opened("flap-test", Severity.CRITICAL, dedupKey);
            Instant opened = Instant.now();
            Incidents.open(topics, third);
            await().atMost(WAIT).until(() -> receivers.slackIncidents(third.incidentId()), p -> p.stream()
                    .anyMatch(r -> r.text().contains("Flapping: resolved 2 times in the last 1m")));

            Received page = await().atMost(WAIT).until(() -> triggers(receivers, third.incidentId()),
                    p -> !p.isEmpty()).get(0);
            assertThat(Duration.between(opened, page.at())).isGreaterThanOrEqualTo(HOLD.minusMillis(100));
            assertThat(page.body().path("payload").path("summary").asText()).contains("flap-test");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> triggers(receivers, third.incidentId()).size() == 1);
            // The escalation clock started when the page went out, not when it was queued.
            Instant due = Instant.parse(PagingFlowTest.incident(third.incidentId()).getString("nextEscalationAt"));
            assertThat(due).isAfter(opened.plus(HOLD).plus(Duration.ofMinutes(59)));
        }
    }

    /** An incident with this dedup key that opens and resolves; returns it once resolved. */
    private static IncidentOpened downAndUp(EventTopics topics, Receivers receivers, String dedupKey) {
        IncidentOpened opened = Incidents.opened("flap-test", Severity.CRITICAL, dedupKey);
        Incidents.open(topics, opened);
        await().atMost(WAIT).ignoreExceptions().until(() -> PagingFlowTest.incident(opened.incidentId()).getList("notifications"),
                n -> !n.isEmpty());
        Incidents.publish(topics, EventTypes.INCIDENT_RESOLVED, Incidents.resolved(opened));
        await().atMost(WAIT).until(() -> PagingFlowTest.incident(opened.incidentId()).getString("status"),
                "RESOLVED"::equals);
        return opened;
    }

    private static List<Received> triggers(Receivers receivers, String id) {
        return receivers.pagerDuty(id).stream().filter(r -> r.action().equals("trigger") && r.status() == 202).toList();
    }
}
