package io.lifeline.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.lifeline.events.EventTypes;
import io.lifeline.events.Topics;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.notification.NotificationFailed;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.notifier.receivers.Receivers;
import io.lifeline.notifier.receivers.Receivers.Received;
import io.lifeline.notifier.receivers.Secrets;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The receivers answer as the real services do when things go wrong: PagerDuty 429 (with
 * Retry-After) and 500 are retried until accepted, 400 is final; Slack 429 waits Retry-After,
 * 400/403/404/410 are final and reported in the fallback channel. Every failure is a
 * notification.failed event; no secret shows up in an event or a log line.
 */
@QuarkusTest
class DeliveryFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
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
    void pagerDutyRateLimitAndServerErrorAreRetriedUntilAcceptedHonouringRetryAfter() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("database", Severity.CRITICAL);
        receivers.scriptPagerDuty(opened.incidentId(), 429, 500);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);

            List<Received> tries = await().atMost(WAIT).until(() -> receivers.pagerDuty(opened.incidentId()),
                    p -> p.size() >= 3);
            assertThat(tries).extracting(Received::status).containsExactly(429, 500, 202);
            assertThat(tries).extracting(Received::violation).containsOnlyNulls();
            assertThat(tries).extracting(Received::dedupKey).containsOnly(opened.incidentId());
            // Retry-After: 1 is honoured before the second try.
            assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(
                    Duration.ofMillis(950));
            assertThat(receivers.alerts(opened.incidentId())).containsOnlyKeys(opened.incidentId());

            List<ReceivedEvent<NotificationFailed>> failed = topics.awaitEvents(EventTypes.NOTIFICATION_FAILED, 2,
                    e -> e.incidentId().equals(opened.incidentId()) && e.channel().equals("pagerduty"), WAIT);
            assertThat(failed).extracting(e -> e.payload().reason()).containsExactly("429 rate limited",
                    "500 server error");
            assertThat(failed).extracting(e -> e.payload().finalFailure()).containsOnly(false);
            ReceivedEvent<NotificationSent> sent = topics.awaitEvent(EventTypes.NOTIFICATION_SENT,
                    e -> e.incidentId().equals(opened.incidentId()) && e.channel().equals("pagerduty"));
            // One notification, three attempts: the same id throughout.
            assertThat(failed).extracting(e -> e.payload().notificationId())
                    .containsOnly(sent.payload().notificationId());
        }
    }

    @Test
    void pagerDutyRefusingAnEventIsFinalAndSaidInTheFallbackChannel() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("api", Severity.CRITICAL);
        receivers.scriptPagerDuty(opened.incidentId(), 400);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);

            ReceivedEvent<NotificationFailed> failed = topics.awaitEvent(EventTypes.NOTIFICATION_FAILED,
                    e -> e.incidentId().equals(opened.incidentId()) && e.channel().equals("pagerduty"));
            assertThat(failed.payload().finalFailure()).isTrue();
            assertThat(failed.payload().reason()).startsWith("400 invalid event").contains("refused by test");

            Received fallback = await().atMost(WAIT).until(() -> receivers.slackFallback(opened.incidentId()),
                    p -> !p.isEmpty()).get(0);
            assertThat(fallback.status()).isEqualTo(200);
            assertThat(fallback.violation()).isNull();
            assertThat(fallback.text()).contains("pagerduty", "400 invalid event", "DevOps Lead");

            JsonPath view = PagingFlowTest.incident(opened.incidentId());
            assertThat(view.getString("notifications.find { it.step == 'page-0' }.status")).isEqualTo("FAILED");
            assertThat(view.getInt("notifications.find { it.step == 'page-0' }.attempts")).isEqualTo(1);
            assertThat(receivers.pagerDuty(opened.incidentId())).hasSize(1);
        }
    }

    @Test
    void slackRateLimitIsWaitedOutThenPosted() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("frontend", Severity.HIGH);
        receivers.scriptSlackIncidents(opened.incidentId(), 429);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);

            List<Received> tries = await().atMost(WAIT).until(() -> receivers.slackIncidents(opened.incidentId()),
                    p -> p.size() >= 2);
            assertThat(tries).extracting(Received::status).containsExactly(429, 200);
            assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(
                    Duration.ofMillis(950));
            ReceivedEvent<NotificationFailed> failed = topics.awaitEvent(EventTypes.NOTIFICATION_FAILED,
                    e -> e.incidentId().equals(opened.incidentId()));
            assertThat(failed.payload().reason()).isEqualTo("429 rate_limited");
            assertThat(failed.payload().finalFailure()).isFalse();
            topics.awaitEvent(EventTypes.NOTIFICATION_SENT, e -> e.incidentId().equals(opened.incidentId())
                    && e.channel().equals("slack") && e.recipient().equals("#incidents"));
        }
    }

    @ParameterizedTest
    @CsvSource({"400, invalid_payload", "403, action_prohibited", "404, channel_not_found", "410, channel_is_archived",
            "500, rollup_error"})
    void slackFinalErrorsAreDeadLetteredAndReportedInTheFallbackChannel(int status, String error) {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("ipfs", Severity.HIGH);
        // 500 is retried: four 500s exhaust the test's four attempts, which is final too.
        int[] answers = status == 500 ? new int[] {500, 500, 500, 500} : new int[] {status};
        receivers.scriptSlackIncidents(opened.incidentId(), answers);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);

            ReceivedEvent<NotificationFailed> failed = topics.awaitEvents(EventTypes.NOTIFICATION_FAILED, 1,
                    e -> e.incidentId().equals(opened.incidentId()) && e.finalFailure(), WAIT).get(0);
            assertThat(failed.payload().reason()).isEqualTo(status + " " + error);
            assertThat(failed.payload().recipient()).isEqualTo("#incidents");

            Received fallback = await().atMost(WAIT).until(() -> receivers.slackFallback(opened.incidentId()),
                    p -> !p.isEmpty()).get(0);
            assertThat(fallback.text()).contains("#incidents", status + " " + error, "ipfs health check failing");
            assertThat(receivers.slackIncidents(opened.incidentId())).hasSize(answers.length);
            JsonPath view = PagingFlowTest.incident(opened.incidentId());
            assertThat(view.getString("notifications.find { it.step == 'opened' }.status")).isEqualTo("FAILED");
            assertThat(view.getString("notifications.find { it.step == 'opened' }.lastError"))
                    .isEqualTo(status + " " + error);
        }
    }

    @Test
    void noSecretAppearsInAnyEventOrLogLine() {
        // Runs after failures of every kind have been provoked (its own included).
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("database", Severity.CRITICAL);
        receivers.scriptPagerDuty(opened.incidentId(), 400);
        receivers.scriptSlackIncidents(opened.incidentId(), 404);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);
            await().atMost(WAIT).until(() -> receivers.slackFallback(opened.incidentId()), p -> p.size() >= 2);

            StringBuilder everything = new StringBuilder();
            for (String topic : List.of(Topics.NOTIFICATION_SENT, Topics.NOTIFICATION_FAILED,
                    Topics.INCIDENT_ACKNOWLEDGED, Topics.INCIDENT_ESCALATED)) {
                for (ConsumerRecord<String, String> r : topics.readAll(topic)) {
                    everything.append(r.value()).append(EventTopics.headers(r)).append('\n');
                }
            }
            log.lines().forEach(line -> everything.append(line).append('\n'));
            assertThat(log.lines()).anyMatch(line -> line.contains("failed for good"));
            assertThat(everything.toString()).contains(opened.incidentId());
            for (String secret : Secrets.all()) {
                assertThat(everything.toString()).doesNotContain(secret);
            }
        }
    }
}
