package io.lifeline.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.notifier.receivers.Receivers;
import io.quarkus.test.junit.QuarkusTest;
import io.lifeline.testsupport.EventTopics;
import io.restassured.path.json.JsonPath;

/**
 * Grouping (test config: one minute, components {@code grouping-test}, {@code grouping-other} and
 * {@code grouping-severity}):
 * a second incident of one component pages nobody, it is told in the first one's channel; another
 * component in the same minute still pages; the first one resolves as always.
 */
@QuarkusTest
class GroupingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void twoIncidentsOfOneComponentWithinTheWindowPageOnceAndAnotherComponentStillPages() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened first = Incidents.opened("grouping-test", Severity.CRITICAL);
        IncidentOpened second = Incidents.opened("grouping-test", Severity.CRITICAL);
        IncidentOpened elsewhere = Incidents.opened("grouping-other", Severity.CRITICAL);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, first);
            await().atMost(WAIT).until(() -> receivers.pagerDuty(first.incidentId()), p -> !p.isEmpty());

            Incidents.open(topics, second);
            Incidents.open(topics, elsewhere);

            await().atMost(WAIT).until(() -> receivers.pagerDuty(elsewhere.incidentId()), p -> !p.isEmpty());
            await().atMost(WAIT).until(() -> receivers.slackIncidents(first.incidentId()), p -> p.stream()
                    .anyMatch(r -> r.text().contains("also: grouping-test health check failing, incident "
                            + second.incidentId())));

            // One page for the component: the first incident's.
            assertThat(receivers.pagerDuty(second.incidentId())).isEmpty();
            assertThat(receivers.alerts(first.incidentId())).isEqualTo(Map.of(first.incidentId(), List.of("triggered")));
            JsonPath grouped = PagingFlowTest.incident(second.incidentId());
            assertThat(grouped.getString("groupedInto")).isEqualTo(first.incidentId());
            assertThat(grouped.getString("status")).isEqualTo("OPEN");
            assertThat(grouped.getString("nextEscalationAt")).isNull();
            assertThat(grouped.getList("notifications")).isEmpty();
            assertThat(PagingFlowTest.incident(first.incidentId()).getString("nextEscalationAt")).isNotNull();
            assertThat(PagingFlowTest.incident(elsewhere.incidentId()).getString("groupedInto")).isNull();
            // Its own opening post, and the "also" post: nothing else in the channel about the second one.
            assertThat(receivers.slackIncidents(second.incidentId())).hasSize(1);

            Incidents.publish(topics, EventTypes.INCIDENT_RESOLVED, Incidents.resolved(first));
            await().atMost(WAIT).until(() -> receivers.alerts(first.incidentId()),
                    a -> a.equals(Map.of(first.incidentId(), List.of("resolved"))));
        }
    }

    @Test
    void aMoreSevereIncidentIsNotHiddenBehindALessSevereOne() {
        Receivers receivers = Receivers.fromConfig();
        // A component of its own: the other test leaves incidents open that would group these.
        IncidentOpened high = Incidents.opened("grouping-severity", Severity.HIGH);
        IncidentOpened critical = Incidents.opened("grouping-severity", Severity.CRITICAL);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, high);
            await().atMost(WAIT).until(() -> receivers.slackIncidents(high.incidentId()), p -> !p.isEmpty());
            Incidents.open(topics, critical);
            await().atMost(WAIT).until(() -> receivers.pagerDuty(critical.incidentId()), p -> !p.isEmpty());
            assertThat(PagingFlowTest.incident(critical.incidentId()).getString("groupedInto")).isNull();
        }
    }
}
