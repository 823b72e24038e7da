package io.lifeline.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.events.restore.RestoreStarted;
import io.lifeline.notifier.receivers.Receivers;
import io.lifeline.notifier.receivers.Receivers.Received;
import io.lifeline.notifier.receivers.Secrets;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * incident.opened / resolved on a real broker → PagerDuty and Slack receivers that enforce their
 * contracts → notification.sent on Kafka; the outbox in a real PostgreSQL keeps it to one page.
 */
@QuarkusTest
class PagingFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aCriticalDatabaseIncidentPagesTheBackendLeadAndPostsToIncidents() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("database", Severity.CRITICAL);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);

            Received page = await().atMost(WAIT).until(() -> receivers.pagerDuty(opened.incidentId()), p -> !p.isEmpty())
                    .get(0);
            assertThat(page.status()).isEqualTo(202);
            assertThat(page.violation()).isNull();
            JsonNode body = page.body();
            assertThat(body.path("routing_key").asText()).isEqualTo(Secrets.BACKEND_KEY);
            assertThat(body.path("event_action").asText()).isEqualTo("trigger");
            assertThat(body.path("dedup_key").asText()).isEqualTo(opened.incidentId());
            JsonNode payload = body.path("payload");
            assertThat(payload.path("severity").asText()).isEqualTo("critical");
            assertThat(payload.path("summary").asText()).contains("database", "health check failing");
            assertThat(payload.path("source").asText()).isEqualTo("lifeline/health-monitor");
            assertThat(payload.path("component").asText()).isEqualTo("database");
            assertThat(payload.path("group").asText()).isEqualTo("backend-lead");
            assertThat(payload.path("class").asText()).isEqualTo("down");
            assertThat(payload.path("timestamp").asText()).isEqualTo(opened.openedAt().toString());
            assertThat(payload.path("custom_details").path("incident_id").asText()).isEqualTo(opened.incidentId());
            assertThat(payload.path("custom_details").path("paged").asText()).contains("Backend Lead");
            assertThat(payload.path("custom_details").path("runbook").asText()).isEqualTo(Incidents.RUNBOOK);
            assertThat(payload.path("custom_details").path("signals").get(0).path("type").asText())
                    .isEqualTo("health.degraded");
            assertThat(body.path("links").get(0).path("href").asText()).isEqualTo(Incidents.RUNBOOK);

            Received post = await().atMost(WAIT).until(() -> receivers.slackIncidents(opened.incidentId()),
                    p -> !p.isEmpty()).get(0);
            assertThat(post.status()).isEqualTo(200);
            assertThat(post.violation()).isNull();
            assertThat(post.text()).contains("CRITICAL", "database", "health check failing", "Backend Lead",
                    Incidents.RUNBOOK, opened.incidentId());
            assertThat(post.body().path("blocks").size()).isBetween(1, 50);

            List<ReceivedEvent<NotificationSent>> sent = topics.awaitEvents(EventTypes.NOTIFICATION_SENT, 2,
                    e -> e.incidentId().equals(opened.incidentId()), WAIT);
            assertThat(sent).extracting(e -> e.payload().channel()).containsExactlyInAnyOrder("pagerduty", "slack");
            assertThat(sent).allSatisfy(e -> {
                assertThat(e.key()).isEqualTo(opened.incidentId());
                assertThat(e.ceSource()).isEqualTo("urn:lifeline:notifier");
                assertThat(e.ceType()).isEqualTo("lifeline.notification.sent");
            });
            assertThat(sent).filteredOn(e -> e.payload().channel().equals("pagerduty")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.payload().externalId()).isEqualTo(opened.incidentId());
                        assertThat(e.payload().recipient()).contains("Backend Lead");
                    });
            assertThat(sent).filteredOn(e -> e.payload().channel().equals("slack")).singleElement()
                    .satisfies(e -> assertThat(e.payload().recipient()).isEqualTo("#incidents"));
        }
    }

    @Test
    void theSameIncidentDeliveredThreeTimesPagesOnce() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("api", Severity.CRITICAL);
        IncidentOpened marker = Incidents.opened("api", Severity.CRITICAL);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            Incidents.open(topics, opened);
            Incidents.open(topics, opened);
            // Same key, same partition, after the three: once it is paged, the three were handled.
            Incidents.publish(topics, EventTypes.INCIDENT_OPENED, marker, opened.incidentId());

            await().atMost(WAIT).until(() -> receivers.pagerDuty(marker.incidentId()), p -> !p.isEmpty());
            await().atMost(WAIT).until(() -> receivers.pagerDuty(opened.incidentId()), p -> !p.isEmpty());

            assertThat(receivers.alerts(opened.incidentId())).containsExactly(
                    Map.entry(opened.incidentId(), List.of("triggered")));
            JsonPath view = incident(opened.incidentId());
            assertThat(view.getList("notifications.findAll { it.channel == 'pagerduty' }")).hasSize(1);
            assertThat(view.getList("notifications.findAll { it.channel == 'slack' }")).hasSize(1);
            await().atMost(WAIT).until(() -> receivers.slackIncidents(opened.incidentId()), p -> !p.isEmpty());
            assertThat(receivers.pagerDuty(opened.incidentId())).hasSize(1);
            assertThat(receivers.slackIncidents(opened.incidentId())).hasSize(1);
        }
    }

    @Test
    void aResolvedIncidentIsResolvedInPagerDutyWithTheSameKeys() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("contract", Severity.CRITICAL);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            await().atMost(WAIT).until(() -> receivers.pagerDuty(opened.incidentId()), p -> !p.isEmpty());

            Incidents.publish(topics, EventTypes.INCIDENT_RESOLVED, Incidents.resolved(opened));

            List<Received> requests = await().atMost(WAIT).until(() -> receivers.pagerDuty(opened.incidentId()),
                    p -> p.size() >= 2);
            assertThat(requests).extracting(Received::action).containsExactly("trigger", "resolve");
            Received resolve = requests.get(1);
            assertThat(resolve.status()).isEqualTo(202);
            assertThat(resolve.body().path("routing_key").asText()).isEqualTo(Secrets.CONTRACT_KEY);
            assertThat(resolve.dedupKey()).isEqualTo(opened.incidentId());
            assertThat(receivers.alerts(opened.incidentId())).containsExactly(
                    Map.entry(opened.incidentId(), List.of("resolved")));
            await().atMost(WAIT).until(() -> receivers.slackIncidents(opened.incidentId()),
                    p -> p.stream().anyMatch(r -> r.text().contains("resolved: health check passes again")));
            assertThat(incident(opened.incidentId()).getString("status")).isEqualTo("RESOLVED");
        }
    }

    @Test
    void aComponentWithoutRoutingGoesToTheDevOpsLeadAndSaysSo() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("mystery-box", Severity.CRITICAL);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);

            Received page = await().atMost(WAIT).until(() -> receivers.pagerDuty(opened.incidentId()),
                    p -> !p.isEmpty()).get(0);
            assertThat(page.body().path("routing_key").asText()).isEqualTo(Secrets.DEVOPS_KEY);
            assertThat(page.body().path("payload").path("custom_details").path("routing").asText())
                    .isEqualTo("no routing for component mystery-box, DevOps Lead by default");
            Received post = await().atMost(WAIT).until(() -> receivers.slackIncidents(opened.incidentId()),
                    p -> !p.isEmpty()).get(0);
            assertThat(post.text()).contains("no routing for component mystery-box, DevOps Lead by default");
            assertThat(incident(opened.incidentId()).getBoolean("routedByDefault")).isTrue();
        }
    }

    @Test
    void aHighIncidentTellsTheTeamInSlackWithoutPagingAndARiseToCriticalPages() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("redis", Severity.HIGH);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            Received post = await().atMost(WAIT).until(() -> receivers.slackIncidents(opened.incidentId()),
                    p -> !p.isEmpty()).get(0);
            assertThat(post.text()).contains("HIGH", "nobody paged");
            // The team is told and a ticket opened; nobody is paged.
            assertThat(incident(opened.incidentId()).getList("notifications.channel", String.class))
                    .containsExactlyInAnyOrder("slack", "ticket");

            Incidents.publish(topics, EventTypes.INCIDENT_UPDATED, Incidents.updated(opened, Severity.CRITICAL, 2));

            Received page = await().atMost(WAIT).until(() -> receivers.pagerDuty(opened.incidentId()),
                    p -> !p.isEmpty()).get(0);
            assertThat(page.body().path("payload").path("severity").asText()).isEqualTo("critical");
            assertThat(page.body().path("routing_key").asText()).isEqualTo(Secrets.BACKEND_KEY);
            await().atMost(WAIT).until(() -> receivers.slackIncidents(opened.incidentId()),
                    p -> p.stream().anyMatch(r -> r.text().contains("severity raised to critical")));
        }
    }

    @Test
    void theRecoveryStoryIsToldInTheIncidentsChannelOncePerEvent() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("database", Severity.HIGH);
        String id = opened.incidentId();
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            await().atMost(WAIT).until(() -> receivers.slackIncidents(id), p -> !p.isEmpty());

            RestoreStarted started = new RestoreStarted("rst-" + id, "req-" + id, id, "bk-1", "mycelix", Instant.now());
            RestoreFailed failed = new RestoreFailed("rst-" + id, "req-" + id, id, "bk-1", "mycelix", Instant.now(),
                    "verify", "row counts differ in public.songs");
            Incidents.publish(topics, EventTypes.RESTORE_STARTED, started);
            Incidents.publish(topics, EventTypes.RESTORE_STARTED, started);
            Incidents.publish(topics, EventTypes.RESTORE_FAILED, failed);

            await().atMost(WAIT).until(() -> receivers.slackIncidents(id),
                    p -> p.stream().anyMatch(r -> r.text().contains("FAILED at verify: row counts differ")));
            assertThat(receivers.slackIncidents(id)).filteredOn(r -> r.text().contains("restore rst-" + id
                    + " of mycelix from backup bk-1 started")).hasSize(1);
        }
    }

    static JsonPath incident(String id) {
        return given().when().get("/incidents/{id}", id).then().statusCode(200).extract().jsonPath();
    }
}
