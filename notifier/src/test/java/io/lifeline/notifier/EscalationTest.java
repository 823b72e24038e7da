package io.lifeline.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentAcknowledged;
import io.lifeline.events.incident.IncidentEscalated;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.notifier.receivers.Receivers;
import io.lifeline.notifier.receivers.Receivers.Received;
import io.lifeline.notifier.receivers.Secrets;
import io.lifeline.notifier.service.MessageComposer;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The test role (component {@code escalation-test}): Alice is primary, Bob (his own routing key)
 * backup, then the DevOps Lead; one second each. Nobody acknowledges → Bob, then the DevOps Lead,
 * is paged; an acknowledgement (REST, operator role, or event) stops it and acknowledges every alert.
 */
@QuarkusTest
class EscalationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void nobodyAcknowledgesSoTheBackupThenTheNextLevelIsPagedAndAnAckStopsIt() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("escalation-test", Severity.CRITICAL);
        String id = opened.incidentId();
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);

            Received first = await().atMost(WAIT).until(() -> receivers.pagerDuty(id), p -> !p.isEmpty()).get(0);
            assertThat(first.body().path("routing_key").asText()).isEqualTo(Secrets.TEST_LEAD_KEY);
            assertThat(first.body().path("payload").path("custom_details").path("paged").asText())
                    .isEqualTo("Alice Martin (Test Lead, primary)");
            // The timer is a row in PostgreSQL, not a thread: it survives a restart.
            Instant due = Instant.parse(PagingFlowTest.incident(id).getString("nextEscalationAt"));
            assertThat(due).isAfter(first.at().minusSeconds(1)).isBefore(first.at().plusSeconds(3));

            List<Received> pages = await().atMost(WAIT).until(() -> triggers(receivers, id), p -> p.size() >= 3);
            Received backup = pages.get(1);
            assertThat(backup.dedupKey()).isEqualTo(MessageComposer.dedupKey(id, 1));
            assertThat(backup.body().path("routing_key").asText()).isEqualTo(Secrets.BOB_KEY);
            assertThat(backup.body().path("payload").path("summary").asText()).startsWith("[escalated to backup]");
            assertThat(backup.body().path("payload").path("custom_details").path("paged").asText())
                    .isEqualTo("Bob Okafor (Test Lead, backup)");
            assertThat(Duration.between(first.at(), backup.at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            Received nextLevel = pages.get(2);
            assertThat(nextLevel.dedupKey()).isEqualTo(MessageComposer.dedupKey(id, 2));
            assertThat(nextLevel.body().path("routing_key").asText()).isEqualTo(Secrets.DEVOPS_KEY);
            assertThat(nextLevel.body().path("payload").path("group").asText()).isEqualTo("devops-lead");

            List<ReceivedEvent<IncidentEscalated>> escalated = topics.awaitEvents(EventTypes.INCIDENT_ESCALATED, 2,
                    e -> e.incidentId().equals(id), WAIT);
            assertThat(escalated).extracting(e -> e.payload().level()).containsExactly(1, 2);
            assertThat(escalated.get(0).payload().role()).isEqualTo("test-lead");
            assertThat(escalated.get(0).payload().person()).isEqualTo("bob");
            assertThat(escalated.get(0).payload().reason()).isEqualTo("not acknowledged within PT1S");
            assertThat(escalated.get(1).payload().role()).isEqualTo("devops-lead");
            assertThat(escalated.get(0).key()).isEqualTo(id);

            given().auth().oauth2(TestTokens.operator()).when().post("/incidents/{id}/ack", id)
                    .then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("acknowledgedBy", equalTo("test-operator"))
                    .body("nextEscalationAt", nullValue());

            // Every alert that was opened is acknowledged, each with its own routing key.
            await().atMost(WAIT).until(() -> receivers.alerts(id).values().stream()
                    .allMatch(states -> states.equals(List.of("acknowledged"))) && receivers.alerts(id).size() == 3);
            assertThat(receivers.pagerDuty(id)).filteredOn(r -> r.action().equals("acknowledge"))
                    .extracting(r -> r.body().path("routing_key").asText())
                    .containsExactlyInAnyOrder(Secrets.TEST_LEAD_KEY, Secrets.BOB_KEY, Secrets.DEVOPS_KEY);
            ReceivedEvent<IncidentAcknowledged> ack = topics.awaitEvent(EventTypes.INCIDENT_ACKNOWLEDGED,
                    e -> e.incidentId().equals(id));
            assertThat(ack.payload().acknowledgedBy()).isEqualTo("test-operator");
            assertThat(ack.payload().via()).isEqualTo("notifier-api");
            assertThat(ack.ceSource()).isEqualTo("urn:lifeline:notifier");
        }
    }

    @Test
    void anAcknowledgementInTimeMeansTheBackupIsNeverPaged() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("escalation-test", Severity.CRITICAL);
        String id = opened.incidentId();
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            await().atMost(WAIT).until(() -> receivers.pagerDuty(id), p -> !p.isEmpty());

            Incidents.publish(topics, EventTypes.INCIDENT_ACKNOWLEDGED,
                    Incidents.acknowledged(opened, "alice", "pagerduty"));

            await().atMost(WAIT).until(() -> receivers.alerts(id), a -> a.equals(Map.of(id, List.of("acknowledged"))));
            Instant due = Instant.now().plusSeconds(1);
            // Well past the one-second deadline (two timer runs), still only Alice's alert.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> triggers(receivers, id).size() == 1);
            assertThat(Instant.now()).isAfter(due);
            given().when().get("/incidents/{id}", id).then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("acknowledgedBy", equalTo("alice"))
                    .body("escalationLevel", equalTo(0));
        }
    }

    @Test
    void acknowledgingNeedsAnOperator() {
        IncidentOpened opened = Incidents.opened("escalation-test", Severity.HIGH);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            await().atMost(WAIT).untilAsserted(() -> given().when().get("/incidents/{id}", opened.incidentId())
                    .then().statusCode(200));
        }
        String path = "/incidents/" + opened.incidentId() + "/ack";
        given().when().post(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("operator")).when().post(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.foreignIssuer("operator")).when().post(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.approver()).when().post(path).then().statusCode(403);
        given().when().get("/incidents/{id}", opened.incidentId()).then().body("status", equalTo("OPEN"));

        given().auth().oauth2(TestTokens.operator()).when().post(path).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        // Twice is fine: same answer, nothing new.
        given().auth().oauth2(TestTokens.operator()).when().post(path).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        given().auth().oauth2(TestTokens.operator()).when().post("/incidents/inc-nope/ack")
                .then().statusCode(404).body("error", containsString("no incident 'inc-nope'"));
    }

    @Test
    void aResolvedIncidentCannotBeAcknowledged() {
        IncidentOpened opened = Incidents.opened("escalation-test", Severity.MEDIUM);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            Incidents.publish(topics, EventTypes.INCIDENT_RESOLVED, Incidents.resolved(opened));
            await().atMost(WAIT).untilAsserted(() -> given().when().get("/incidents/{id}", opened.incidentId())
                    .then().statusCode(200).body("status", equalTo("RESOLVED")));
        }
        given().auth().oauth2(TestTokens.operator()).when().post("/incidents/{id}/ack", opened.incidentId())
                .then().statusCode(409).body("error", containsString("already resolved"));
    }

    private static List<Received> triggers(Receivers receivers, String id) {
        return receivers.pagerDuty(id).stream().filter(r -> r.action().equals("trigger") && r.status() == 202).toList();
    }
}
