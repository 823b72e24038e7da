package io.lifeline.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.notifier.receivers.Receivers;
import io.lifeline.notifier.receivers.Receivers.Received;
import io.lifeline.notifier.receivers.ReceiversResource;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** High incidents get a ticket at once; medium ones wait for business hours in the role's zone. */
@QuarkusTest
class TicketTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aHighIncidentOpensATicketAtOnceFromTheTemplate() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("database", Severity.HIGH);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);

            Received ticket = await().atMost(WAIT).until(() -> receivers.tickets(opened.incidentId()),
                    t -> !t.isEmpty()).get(0);
            assertThat(ticket.status()).isEqualTo(201);
            assertThat(ticket.violation()).isNull();
            assertThat(ticket.body().path("title").asText()).isEqualTo("[high] database: database health check failing");
            assertThat(ticket.body().path("body").asText()).contains(opened.incidentId(), "Backend Lead",
                    Incidents.RUNBOOK);
            ReceivedEvent<NotificationSent> sent = topics.awaitEvent(EventTypes.NOTIFICATION_SENT,
                    e -> e.incidentId().equals(opened.incidentId()) && e.channel().equals("ticket"));
            assertThat(sent.payload().externalId()).isEqualTo("OPS-42");
            assertThat(sent.payload().recipient()).isEqualTo("issue-tracker");
        }
    }

    @Test
    void aMediumIncidentAtNightWaitsForTheMorningInTheRolesZone() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened opened = Incidents.opened("night-watch", Severity.MEDIUM);
        try (EventTopics topics = EventTopics.fromConfig()) {
            Incidents.open(topics, opened);

            JsonPath view = await().atMost(WAIT).until(() -> PagingFlowTest.incident(opened.incidentId()),
                    v -> v.getList("notifications").size() == 1);
            assertThat(view.getString("role")).isEqualTo("night-lead");
            assertThat(view.getString("notifications[0].channel")).isEqualTo("ticket");
            assertThat(view.getString("notifications[0].status")).isEqualTo("PENDING");
            Instant due = Instant.parse(view.getString("notifications[0].nextAttemptAt"));
            assertThat(due).isAfter(Instant.now().plus(Duration.ofHours(6)));
            // The zone the application was configured with (computed at its start, not now: an hour may have turned).
            java.time.ZoneId zone = java.time.ZoneId.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("lifeline.notifier.roles.night-lead.rotation.zone", String.class));
            assertThat(due.atZone(zone).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(receivers.tickets(opened.incidentId())).isEmpty();
        }
    }
}
