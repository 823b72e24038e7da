package io.lifeline.notifier.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.notifier.TrackedIncident;

class MessageComposerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessageComposer compose = new MessageComposer("lifeline",
            "{\"title\":\"[{{severity}}] {{component}}: {{summary}}\",\"owner\":\"{{role}}\"}");
    private final Routing.Target alice = new Routing.Target(0, "devops-lead", "DevOps Lead", "alice", "Alice",
            "primary");

    @Test
    void severitiesMapToPagerDutysOwn() {
        assertThat(MessageComposer.pagerDutySeverity(Severity.CRITICAL)).isEqualTo("critical");
        assertThat(MessageComposer.pagerDutySeverity(Severity.HIGH)).isEqualTo("error");
        assertThat(MessageComposer.pagerDutySeverity(Severity.MEDIUM)).isEqualTo("warning");
    }

    @Test
    void aHugeIncidentStaysWithinPagerDutysLimitsAndCarriesNoRoutingKey() throws Exception {
        TrackedIncident incident = incident("x".repeat(5000));
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            signals.add(new Signal("probe.failed", "health-monitor/api", Instant.now(), Map.of("n", i)));
        }
        JsonNode body = JSON.readTree(compose.pagerDutyTrigger(incident, signals, alice, null));

        assertThat(body.has("routing_key")).isFalse();
        assertThat(body.path("payload").path("summary").asText()).hasSize(1024).endsWith("…");
        assertThat(body.path("payload").path("custom_details").path("signals")).hasSize(5);
        assertThat(body.path("payload").path("custom_details").path("signals").get(4).path("detail").path("n").asInt())
                .isEqualTo(19);
        assertThat(body.toString().length()).isLessThan(512 * 1024);
    }

    @Test
    void escalationLevelsGetTheirOwnDedupKeysWithinTheLimit() {
        assertThat(MessageComposer.dedupKey("inc-1", 0)).isEqualTo("inc-1");
        assertThat(MessageComposer.dedupKey("inc-1", 2)).isEqualTo("inc-1#L2");
        assertThat(MessageComposer.dedupKey("i".repeat(300), 1)).hasSize(255);
    }

    @Test
    void slackMessagesHaveTheTextFallbackAndRespectBlockLimits() throws Exception {
        TrackedIncident incident = incident("<script> & " + "y".repeat(4000));
        JsonNode message = JSON.readTree(compose.slackOpened(incident, alice, null));

        assertThat(message.path("text").asText()).contains("CRITICAL", "api", "Alice (DevOps Lead, primary)",
                incident.runbookUrl, incident.id);
        assertThat(message.path("blocks").size()).isBetween(1, 50);
        for (JsonNode block : message.path("blocks")) {
            assertThat(block.path("text").path("text").asText("").length()).isLessThanOrEqualTo(3000);
            if (block.path("type").asText().equals("header")) {
                assertThat(block.path("text").path("text").asText().length()).isLessThanOrEqualTo(150);
            }
        }
        // mrkdwn is escaped so that a summary cannot inject links or mentions.
        assertThat(message.path("blocks").get(1).path("text").path("text").asText()).startsWith("&lt;script&gt; &amp; ");
    }

    @Test
    void theTicketTemplateIsFilledWithJsonEscapedValues() throws Exception {
        TrackedIncident incident = incident("quotes \" and \\ and\nnewlines");
        JsonNode ticket = JSON.readTree(compose.ticket(incident, "DevOps Lead"));

        assertThat(ticket.path("title").asText()).isEqualTo("[critical] api: quotes \" and \\ and\nnewlines");
        assertThat(ticket.path("owner").asText()).isEqualTo("DevOps Lead");
    }

    private static TrackedIncident incident(String summary) {
        TrackedIncident incident = new TrackedIncident();
        incident.id = "inc-42";
        incident.dedupKey = "api/down";
        incident.component = "api";
        incident.kind = "down";
        incident.severity = "critical";
        incident.summary = summary;
        incident.runbookUrl = "https://runbooks.lifeline.local/api";
        incident.raisedBy = "health-monitor";
        incident.openedAt = Instant.parse("2026-11-27T02:00:00Z");
        return incident;
    }
}
