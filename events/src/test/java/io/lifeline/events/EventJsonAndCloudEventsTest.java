package io.lifeline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonAndCloudEventsTest {

    @Test
    void instantsAreIsoStringsAndNullsAreLeftOut() throws Exception {
        JsonNode json = EventJson.mapper().readTree(EventCodec.encode(SampleEvents.of(EventTypes.RESTORE_FAILED)));

        assertThat(json.get("failedAt").isTextual()).isTrue();
        assertThat(json.get("failedAt").asText()).isEqualTo("2025-11-27T03:00:00Z");
        assertThat(json.has("backupId")).isFalse();
        assertThat(json.has("incidentId")).isFalse();
    }

    @Test
    void nanosecondsSurviveAsIso() throws Exception {
        JsonNode json = EventJson.mapper().readTree(EventCodec.encode(SampleEvents.of(EventTypes.BACKUP_COMPLETED)));

        assertThat(json.get("completedAt").asText()).isEqualTo("2025-11-27T02:01:35.123456789Z");
    }

    @Test
    void theSharedMapperIsOneInstanceAndConfigureAppliesTheSameSettings() throws Exception {
        assertThat(EventJson.mapper()).isSameAs(EventJson.mapper());
        var other = EventJson.configure(new com.fasterxml.jackson.databind.ObjectMapper());

        assertThat(other.writeValueAsString(SampleEvents.of(EventTypes.HEALTH_DEGRADED)))
                .isEqualTo(EventCodec.encode(SampleEvents.of(EventTypes.HEALTH_DEGRADED)));
    }

    @Test
    void envelopeCarriesTheCloudEventsAttributes() {
        Clock clock = Clock.fixed(Instant.parse("2025-11-27T02:10:00Z"), ZoneId.of("Europe/Berlin"));

        CloudEventEnvelope envelope = CloudEventEnvelope.of(EventTypes.INCIDENT_OPENED,
                SampleEvents.of(EventTypes.INCIDENT_OPENED), "health-monitor", clock);

        assertThat(UUID.fromString(envelope.id())).isNotNull();
        assertThat(envelope.source()).isEqualTo("urn:lifeline:health-monitor");
        assertThat(envelope.type()).isEqualTo("lifeline.incident.opened");
        assertThat(envelope.subject()).isEqualTo("api");
        assertThat(envelope.time().toInstant()).isEqualTo(Instant.parse("2025-11-27T02:10:00Z"));
        assertThat(envelope.time().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(envelope.dataContentType()).isEqualTo("application/json");
        assertThat(envelope.specVersion()).isEqualTo("1.0");
    }

    @Test
    void everyEnvelopeGetsItsOwnId() {
        Object payload = SampleEvents.of(EventTypes.HEALTH_RECOVERED);

        String first = CloudEventEnvelope.of(EventTypes.HEALTH_RECOVERED, payload, "health-monitor").id();
        String second = CloudEventEnvelope.of(EventTypes.HEALTH_RECOVERED, payload, "health-monitor").id();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void envelopeRefusesAPayloadOfAnotherTopicAndBadServiceNames() {
        Object recovered = SampleEvents.of(EventTypes.HEALTH_RECOVERED);

        assertThatThrownBy(() -> CloudEventEnvelope.of(EventTypes.HEALTH_DEGRADED, recovered, "health-monitor"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEventAttributes.source("health monitor"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CloudEventAttributes.source("drctl")).isEqualTo("urn:lifeline:drctl");
    }
}
