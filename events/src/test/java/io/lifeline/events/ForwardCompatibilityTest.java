package io.lifeline.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.restore.BackupSelector;
import io.lifeline.events.restore.RestoreFailed;
import io.lifeline.events.restore.RestoreRequested;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Newer producers may add fields; older producers may omit optional ones. Neither breaks a consumer. */
class ForwardCompatibilityTest {

    static Stream<EventType<?>> types() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void unknownTopLevelPropertiesAreAcceptedAndIgnored(EventType<?> type) {
        ObjectNode json = EventJson.mapper().valueToTree(SampleEvents.of(type));
        json.put("addedInV2", "something new");
        json.putObject("futureBlock").put("nested", true);

        assertThat(SchemaValidator.validate(type, json.toString())).isEmpty();
        assertThat(EventCodec.decode(type, json.toString())).isEqualTo(SampleEvents.of(type));
    }

    @Test
    void unknownNestedPropertiesAreAcceptedToo() {
        ObjectNode json = EventJson.mapper().valueToTree(SampleEvents.of(EventTypes.HEALTH_DEGRADED));
        ((ObjectNode) json.withArray("results").get(0)).put("region", "eu-central");

        HealthDegraded decoded = EventCodec.decode(EventTypes.HEALTH_DEGRADED, json.toString());

        assertThat(decoded).isEqualTo(SampleEvents.of(EventTypes.HEALTH_DEGRADED));
    }

    @Test
    void omittedOptionalFieldsAndListsDecodeToNullAndEmpty() {
        String json = """
                {"component":"redis","probe":"redis-ping","since":"2025-11-27T02:00:00Z","consecutiveFailures":3}
                """;

        HealthDegraded decoded = EventCodec.decode(EventTypes.HEALTH_DEGRADED, json);

        assertThat(decoded.component()).isEqualTo("redis");
        assertThat(decoded.results()).isEmpty();
    }

    @Test
    void explicitNullForOptionalFieldsIsAccepted() {
        String json = """
                {"restoreId":"rst-1","requestId":"req-1","incidentId":null,"backupId":null,"target":"mycelix",
                 "failedAt":"2025-11-27T03:00:00Z","stage":"select","reason":"no verified backup"}
                """;

        RestoreFailed decoded = EventCodec.decode(EventTypes.RESTORE_FAILED, json);

        assertThat(decoded.backupId()).isNull();
        assertThat(decoded.incidentId()).isNull();
    }

    @Test
    void aSelectorWrittenByAnotherLanguageWithExplicitNullsIsAccepted() {
        String json = """
                {"requestId":"req-2","target":"mycelix","requestedBy":"drctl","requestedAt":"2025-11-27T03:00:00Z",
                 "selector":{"kind":"latest-verified","backupId":null,"before":null}}
                """;

        RestoreRequested decoded = EventCodec.decode(EventTypes.RESTORE_REQUESTED, json);

        assertThat(decoded.selector()).isEqualTo(BackupSelector.latestVerified());
        assertThat(decoded.incidentId()).isNull();
    }
}
