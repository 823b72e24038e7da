package io.lifeline.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.Topics;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.notifier.receivers.Receivers;
import io.lifeline.testsupport.EventTopics;
import io.quarkus.test.junit.QuarkusTest;

/** An incident event that is not one goes to dlq.notifier with the reason; the next one still pages. */
@QuarkusTest
class DeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = Topics.deadLetter("notifier");

    @Test
    void unparseableJsonIsDeadLetteredWithTheReason() {
        String marker = UUID.randomUUID().toString();
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.sendRaw(Topics.INCIDENT_OPENED, marker, "{\"incidentId\": \"" + marker + "\", oops", Map.of());

            ConsumerRecord<String, String> dead = topics.awaitRecords(DLQ, 1, r -> r.value().contains(marker), WAIT)
                    .get(0);
            assertThat(EventTopics.headers(dead).get("dead-letter-reason")).contains("incident.opened");
            assertThat(EventTopics.headers(dead).get("dead-letter-topic")).isEqualTo(Topics.INCIDENT_OPENED);
            assertThat(dead.key()).isEqualTo(marker);
        }
    }

    @Test
    void anIncidentWithoutASeverityIsDeadLetteredNamingTheFieldAndTheNextOneIsPaged() {
        Receivers receivers = Receivers.fromConfig();
        IncidentOpened bad = Incidents.opened("database", Severity.CRITICAL);
        IncidentOpened good = Incidents.opened("database", Severity.CRITICAL);
        String invalid = EventCodec.encode(bad).replace("\"severity\":\"critical\",", "");
        assertThat(invalid).doesNotContain("\"severity\"");
        try (EventTopics topics = EventTopics.fromConfig()) {
            topics.sendRaw(Topics.INCIDENT_OPENED, bad.incidentId(), invalid, Map.of());
            // Same key, so same partition: behind the bad one.
            Incidents.publish(topics, EventTypes.INCIDENT_OPENED, good, bad.incidentId());

            ConsumerRecord<String, String> dead = topics.awaitRecords(DLQ, 1,
                    r -> r.value().contains(bad.incidentId()), WAIT).get(0);
            assertThat(EventTopics.headers(dead).get("dead-letter-reason")).contains("$.severity");
            await().atMost(WAIT).until(() -> receivers.pagerDuty(good.incidentId()), p -> !p.isEmpty());
            assertThat(receivers.pagerDuty(bad.incidentId())).isEmpty();
        }
    }
}
