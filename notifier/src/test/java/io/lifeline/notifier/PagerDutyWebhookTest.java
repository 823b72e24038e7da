package io.lifeline.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentAcknowledged;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.notifier.receivers.Receivers;
import io.lifeline.notifier.receivers.Receivers.Received;
import io.lifeline.notifier.receivers.Secrets;
import io.lifeline.notifier.webhook.PagerDutyWebhook;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PagerDuty's V3 webhooks over real HTTP to the running service, signed as PagerDuty signs them
 * ({@code X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw body>}): an acknowledgement there
 * acknowledges the incident here; a resolution there is only noted; anything unsigned is refused.
 */
@QuarkusTest
class PagerDutyWebhookTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PATH = "/webhooks/pagerduty";
    private static CapturedLog log;

    @BeforeAll
    static void captureLogs() {
        log = CapturedLog.start();
    }

    @AfterAll
    static void stopCapturing() {
        log.stop();
    }

    @Test
    void anAcknowledgementInPagerDutyAcknowledgesTheIncidentAndStopsItsEscalation() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("database", Severity.CRITICAL);
        String id = opened.incidentId();
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            await().atMost(WAIT).until(() -> receivers.pagerDuty(id), p -> !p.isEmpty());
            assertThat(PagingFlowTest.incident(id).getString("nextEscalationAt")).isNotNull();

            byte[] ack = webhook("incident.acknowledged", id, "Zoë Durand");
            given().contentType("application/json").header("X-PagerDuty-Signature", signature(ack)).body(ack)
                    .when().post(PATH)
                    .then().statusCode(202).body("outcome", equalTo("acknowledged")).body("incidentId", equalTo(id));

            given().when().get("/incidents/{id}", id).then().statusCode(200)
                    .body("status", equalTo("ACKNOWLEDGED"))
                    .body("acknowledgedBy", equalTo("Zoë Durand"))
                    .body("nextEscalationAt", nullValue());
            ReceivedEvent<IncidentAcknowledged> event = topics.awaitEvent(EventTypes.INCIDENT_ACKNOWLEDGED,
                    e -> e.incidentId().equals(id));
            assertThat(event.payload().via()).isEqualTo("pagerduty");
            assertThat(event.payload().acknowledgedBy()).isEqualTo("Zoë Durand");
            assertThat(event.ceSource()).isEqualTo("urn:lifeline:notifier");
            await().atMost(WAIT).until(() -> receivers.slackIncidents(id),
                    p -> p.stream().anyMatch(r -> r.text().contains("acknowledged by Zoë Durand (via pagerduty)")));
            List<Received> requests = await().atMost(WAIT).until(() -> receivers.pagerDuty(id), p -> p.size() >= 2);
            assertThat(requests).extracting(Received::action).containsExactly("trigger", "acknowledge");

            // PagerDuty retries a delivery it is unsure of: the same answer, nothing new.
            given().contentType("application/json").header("X-PagerDuty-Signature", signature(ack)).body(ack)
                    .when().post(PATH)
                    .then().statusCode(202).body("outcome", equalTo("already acknowledged"));
        }
    }

    @Test
    void anEscalatedAlertsAcknowledgementAcknowledgesItsIncident() {
        IncidentOpened opened = Incidents.opened("api", Severity.CRITICAL);
        String id = opened.incidentId();
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            await().atMost(WAIT).untilAsserted(() -> given().when().get("/incidents/{id}", id).then().statusCode(200));
        }
        byte[] ack = webhook("incident.acknowledged", id + "#L1", null);
        given().contentType("application/json").header("X-PagerDuty-Signature", signature(ack)).body(ack)
                .when().post(PATH)
                .then().statusCode(202).body("outcome", equalTo("acknowledged")).body("incidentId", equalTo(id));
        given().when().get("/incidents/{id}", id).then().body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedBy", equalTo("pagerduty"));
    }

    @Test
    void aResolutionInPagerDutyIsOnlyNotedInSlack() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("api", Severity.CRITICAL);
        String id = opened.incidentId();
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            await().atMost(WAIT).until(() -> receivers.pagerDuty(id), p -> !p.isEmpty());

            byte[] resolved = webhook("incident.resolved", id, "Sam Night");
            given().contentType("application/json").header("X-PagerDuty-Signature", signature(resolved)).body(resolved)
                    .when().post(PATH)
                    .then().statusCode(202).body("outcome", equalTo("noted"));

            await().atMost(WAIT).until(() -> receivers.slackIncidents(id), p -> p.stream()
                    .anyMatch(r -> r.text().contains("resolved in PagerDuty by Sam Night")));
            // Health decides when it is over: still open here, and nothing more sent to PagerDuty.
            given().when().get("/incidents/{id}", id).then().body("status", equalTo("OPEN"));
            assertThat(receivers.pagerDuty(id)).extracting(Received::action).containsExactly("trigger");
        }
    }

    @Test
    void unsignedOrMalformedDeliveriesAreRefusedAndUnknownIncidentsAccepted() {
        byte[] ack = webhook("incident.acknowledged", "inc-" + UUID.randomUUID(), "Mallory");
        given().contentType("application/json").body(ack).when().post(PATH)
                .then().statusCode(401).body("error", equalTo("missing or invalid X-PagerDuty-Signature"));
        given().contentType("application/json")
                .header("X-PagerDuty-Signature", "v1=" + PagerDutyWebhook.sign("a-guessed-secret", ack)).body(ack)
                .when().post(PATH)
                .then().statusCode(401);
        byte[] tampered = new String(ack, StandardCharsets.UTF_8).replace("Mallory", "Malloryy")
                .getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-PagerDuty-Signature", signature(ack)).body(tampered)
                .when().post(PATH)
                .then().statusCode(401);

        byte[] notJson = "event=incident.acknowledged".getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-PagerDuty-Signature", signature(notJson)).body(notJson)
                .when().post(PATH)
                .then().statusCode(400).body("error", containsString("body is not JSON"));
        byte[] noId = "{\"event\":{\"event_type\":\"incident.acknowledged\",\"data\":{}}}".getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-PagerDuty-Signature", signature(noId)).body(noId)
                .when().post(PATH)
                .then().statusCode(400).body("error", containsString("'event.id' missing"));

        given().contentType("application/json").header("X-PagerDuty-Signature", signature(ack)).body(ack)
                .when().post(PATH)
                .then().statusCode(202).body("outcome", equalTo("unknown incident"));
        byte[] ping = "{\"event\":{\"id\":\"01PING\",\"event_type\":\"pagey.ping\",\"data\":{\"message\":\"Hello\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-PagerDuty-Signature", signature(ping)).body(ping)
                .when().post(PATH)
                .then().statusCode(202).body("outcome", equalTo("ignored"));

        assertThat(log.lines()).anyMatch(line -> line.contains("missing or invalid X-PagerDuty-Signature"));
        assertThat(log.lines()).anyMatch(line -> line.contains("unknown here"));
        assertThat(log.lines()).noneMatch(line -> line.contains(Secrets.PAGERDUTY_WEBHOOK_SECRET));
    }

    /** A V3 webhook as PagerDuty sends it (from its documentation's example), for one of our dedup keys. */
    static byte[] webhook(String type, String incidentKey, String agent) {
        String agentJson = agent == null ? "null" : "{\"html_url\":\"https://acme.pagerduty.com/users/PLH1HKV\","
                + "\"id\":\"PLH1HKV\",\"self\":\"https://api.pagerduty.com/users/PLH1HKV\",\"summary\":\"" + agent
                + "\",\"type\":\"user_reference\"}";
        String status = type.substring("incident.".length());
        String body = "{\"event\":{\"id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"" + type
                + "\",\"resource_type\":\"incident\",\"occurred_at\":\"" + Instant.now() + "\",\"agent\":" + agentJson
                + ",\"client\":null,\"data\":{\"id\":\"PGR0VU2\",\"type\":\"incident\","
                + "\"self\":\"https://api.pagerduty.com/incidents/PGR0VU2\","
                + "\"html_url\":\"https://acme.pagerduty.com/incidents/PGR0VU2\",\"number\":2,\"status\":\"" + status
                + "\",\"incident_key\":\"" + incidentKey + "\",\"created_at\":\"" + Instant.now()
                + "\",\"title\":\"Base de données en panne ✓\",\"urgency\":\"high\",\"resolve_reason\":null}}}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String signature(byte[] body) {
        return "v1=" + PagerDutyWebhook.sign(Secrets.PAGERDUTY_WEBHOOK_SECRET, body);
    }
}
