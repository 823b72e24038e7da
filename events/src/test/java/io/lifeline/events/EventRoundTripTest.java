package io.lifeline.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventRoundTripTest {

    static Stream<EventType<?>> types() {
        return EventTypes.all().stream();
    }

    @Test
    void theFixtureHasASampleForEveryType() {
        assertThat(SampleEvents.all().keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void encodesValidatesAndDecodesBackToAnEqualRecord(EventType<?> type) throws Exception {
        Object sample = SampleEvents.of(type);

        String json = EventCodec.encode(sample);

        assertThat(SchemaValidator.validate(type, json)).isEmpty();
        assertThat(EventJson.mapper().readTree(json).isObject()).isTrue();
        Object decoded = EventCodec.decode(type, json);
        assertThat(decoded).isInstanceOf(type.payloadClass()).isEqualTo(sample);
        assertThat(EventCodec.decode(type, json.getBytes(StandardCharsets.UTF_8))).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void typedEncodeChecksTheSchemaToo(EventType<?> type) {
        assertThat(encodeTyped(type)).isEqualTo(EventCodec.encode(SampleEvents.of(type)));
    }

    /** Only record components go on the wire: a helper method must never leak in as a property. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void writesExactlyTheRecordComponents(EventType<?> type) throws Exception {
        JsonNode json = EventJson.mapper().readTree(EventCodec.encode(SampleEvents.of(type)));
        Set<String> written = new HashSet<>();
        json.fieldNames().forEachRemaining(written::add);
        Set<String> components = Arrays.stream(type.payloadClass().getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toSet());

        assertThat(components).containsAll(written);
        Object sample = SampleEvents.of(type);
        for (var component : type.payloadClass().getRecordComponents()) {
            boolean present = component.getAccessor().invoke(sample) != null;
            assertThat(written.contains(component.getName()))
                    .as("%s.%s written iff non-null", type.topic(), component.getName())
                    .isEqualTo(present);
        }
    }

    static Stream<Arguments> keysAndSubjects() {
        String contractKey = SampleEvents.ROUTER.toLowerCase();
        return Stream.of(
                Arguments.of(EventTypes.BACKUP_REQUESTED, "mycelix", "mycelix"),
                Arguments.of(EventTypes.BACKUP_STARTED, SampleEvents.BACKUP_ID, "mycelix"),
                Arguments.of(EventTypes.BACKUP_COMPLETED, SampleEvents.BACKUP_ID, "mycelix"),
                Arguments.of(EventTypes.BACKUP_FAILED, "bkp-20251126T020000Z-mycelix", "mycelix"),
                Arguments.of(EventTypes.BACKUP_PRUNED, "bkp-20251001T020000Z-mycelix", "mycelix"),
                Arguments.of(EventTypes.RESTORE_REQUESTED, "mycelix", "mycelix"),
                Arguments.of(EventTypes.RESTORE_STARTED, SampleEvents.RESTORE_ID, "mycelix"),
                Arguments.of(EventTypes.RESTORE_COMPLETED, SampleEvents.RESTORE_ID, "mycelix"),
                Arguments.of(EventTypes.RESTORE_FAILED, "rst-77c1d0aa", "mycelix_scratch"),
                Arguments.of(EventTypes.DRILL_COMPLETED, "drill-2025-12-01", SampleEvents.BACKUP_ID),
                Arguments.of(EventTypes.HEALTH_DEGRADED, "api", "api"),
                Arguments.of(EventTypes.HEALTH_RECOVERED, "api", "api"),
                Arguments.of(EventTypes.HEALTH_HEARTBEAT, "health-monitor", "health-monitor"),
                Arguments.of(EventTypes.MAINTENANCE_STARTED, "mw-sunday-db-20251130", "mw-sunday-db-20251130"),
                Arguments.of(EventTypes.MAINTENANCE_ENDED, "mw-sunday-db-20251130", "mw-sunday-db-20251130"),
                Arguments.of(EventTypes.INCIDENT_OPENED, SampleEvents.API_INCIDENT_ID, "api"),
                Arguments.of(EventTypes.INCIDENT_UPDATED, SampleEvents.API_INCIDENT_ID, "api"),
                Arguments.of(EventTypes.INCIDENT_ACKNOWLEDGED, SampleEvents.API_INCIDENT_ID,
                        SampleEvents.API_INCIDENT_ID),
                Arguments.of(EventTypes.INCIDENT_ESCALATED, SampleEvents.API_INCIDENT_ID, SampleEvents.API_INCIDENT_ID),
                Arguments.of(EventTypes.INCIDENT_RESOLVED, SampleEvents.API_INCIDENT_ID, "api"),
                Arguments.of(EventTypes.CONTRACT_ANOMALY, contractKey, contractKey),
                Arguments.of(EventTypes.CONTRACT_PAUSED, contractKey, contractKey),
                Arguments.of(EventTypes.IPFS_CONTENT_MISSING, SampleEvents.CID, SampleEvents.CID),
                Arguments.of(EventTypes.IPFS_CONTENT_REPINNED, SampleEvents.CID, SampleEvents.CID),
                Arguments.of(EventTypes.IPFS_CONTENT_LOST, SampleEvents.LOST_CID, SampleEvents.LOST_CID),
                Arguments.of(EventTypes.NOTIFICATION_SENT, SampleEvents.API_INCIDENT_ID, SampleEvents.API_INCIDENT_ID),
                Arguments.of(EventTypes.NOTIFICATION_FAILED, SampleEvents.API_INCIDENT_ID,
                        SampleEvents.API_INCIDENT_ID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keysAndSubjects")
    void keysAndSubjectsFollowTheContract(EventType<?> type, String key, String subject) {
        assertThat(keyOf(type)).isEqualTo(key);
        assertThat(subjectOf(type)).isEqualTo(subject);
    }

    @Test
    void everyTypeHasItsKeyAndSubjectPinned() {
        List<Object> pinned = keysAndSubjects().map(a -> a.get()[0]).toList();
        assertThat(pinned).containsExactlyInAnyOrderElementsOf(EventTypes.all());
    }

    @Test
    void mapsKeepTheirEntriesAndOrderAcrossTheWire() {
        var completed = SampleEvents.of(EventTypes.BACKUP_COMPLETED);
        var decoded = EventCodec.decode(EventTypes.BACKUP_COMPLETED, EventCodec.encode(completed));
        assertThat(decoded.tableRowCounts()).containsExactly(
                Map.entry("songs", 4_210L), Map.entry("plays", 1_893_340L), Map.entry("indexer_state", 1L),
                Map.entry("strategy_configs", 12L), Map.entry("indexer_poison", 0L));
        assertThat(decoded.completedAt()).isEqualTo(SampleEvents.PRECISE);
    }

    private static <T> String encodeTyped(EventType<T> type) {
        return EventCodec.encode(type, SampleEvents.of(type));
    }

    private static <T> String keyOf(EventType<T> type) {
        return type.key(SampleEvents.of(type));
    }

    private static <T> String subjectOf(EventType<T> type) {
        return type.subject(SampleEvents.of(type));
    }
}
