package io.lifeline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Consumers reject what breaks the contract, with messages that name the field and hide the value. */
class InvalidEventTest {

    @Test
    void missingRequiredFieldIsNamed() {
        String json = mutate(EventTypes.HEALTH_DEGRADED, o -> o.remove("component"));

        InvalidEventException e = rejected(EventTypes.HEALTH_DEGRADED, json);

        assertThat(e.topic()).isEqualTo("health.degraded");
        assertThat(e.problems()).containsExactly("$.component: is missing but it is required");
        assertThat(e).hasMessage("invalid health.degraded event: $.component: is missing but it is required");
    }

    @Test
    void valueOutsideTheEnumerationIsNamed() {
        String json = mutate(EventTypes.INCIDENT_OPENED, o -> o.put("severity", "urgent"));

        InvalidEventException e = rejected(EventTypes.INCIDENT_OPENED, json);

        assertThat(e.problems()).singleElement().asString()
                .startsWith("$.severity: ")
                .contains("enumeration [critical, high, medium]");
    }

    @Test
    void upperCaseSeverityIsNotTheWireFormat() {
        String json = mutate(EventTypes.CONTRACT_ANOMALY, o -> o.put("severity", "CRITICAL"));

        assertThat(rejected(EventTypes.CONTRACT_ANOMALY, json).getMessage()).contains("$.severity");
    }

    @Test
    void badDateTimeIsNamed() {
        String json = mutate(EventTypes.HEALTH_DEGRADED, o -> o.put("since", "yesterday 3am"));

        InvalidEventException e = rejected(EventTypes.HEALTH_DEGRADED, json);

        assertThat(e.problems()).singleElement().asString().startsWith("$.since: ").contains("date-time");
    }

    @Test
    void dateWithoutTimeZoneIsRejected() {
        String json = mutate(EventTypes.BACKUP_REQUESTED, o -> o.put("requestedAt", "2025-11-27T02:00:00"));

        assertThat(rejected(EventTypes.BACKUP_REQUESTED, json).getMessage()).contains("$.requestedAt");
    }

    @Test
    void stringWhereANumberBelongsIsNamed() {
        String json = mutate(EventTypes.BACKUP_COMPLETED, o -> o.put("sizeBytes", "734003200"));

        InvalidEventException e = rejected(EventTypes.BACKUP_COMPLETED, json);

        assertThat(e.problems()).singleElement().asString().startsWith("$.sizeBytes: ").contains("string found");
    }

    @Test
    void nestedFieldsAreNamedWithTheirFullPath() {
        String json = mutate(EventTypes.HEALTH_DEGRADED,
                o -> ((ObjectNode) o.withArray("results").get(1)).put("latencyMillis", -5));

        assertThat(rejected(EventTypes.HEALTH_DEGRADED, json).problems())
                .singleElement().asString().startsWith("$.results[1].latencyMillis: ");
    }

    @Test
    void selectorByIdNeedsABackupId() {
        String json = mutate(EventTypes.RESTORE_REQUESTED, o -> {
            ObjectNode selector = o.putObject("selector");
            selector.put("kind", "id");
        });

        assertThat(rejected(EventTypes.RESTORE_REQUESTED, json).problems())
                .contains("$.selector.backupId: is missing but it is required");
    }

    @Test
    void selectorLatestBeforeNeedsATime() {
        String json = mutate(EventTypes.RESTORE_REQUESTED, o -> o.putObject("selector").put("kind", "latest-before"));

        assertThat(rejected(EventTypes.RESTORE_REQUESTED, json).problems())
                .contains("$.selector.before: is missing but it is required");
    }

    @Test
    void patternsGuardHashesAndAddresses() {
        String json = mutate(EventTypes.CONTRACT_PAUSED, o -> {
            o.put("contract", "0x1234");
            o.put("txHash", "not-a-hash");
        });

        InvalidEventException e = rejected(EventTypes.CONTRACT_PAUSED, json);

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).startsWith("$.contract: ");
        assertThat(e.problems().get(1)).startsWith("$.txHash: ");
        assertThat(rejected(EventTypes.BACKUP_COMPLETED,
                mutate(EventTypes.BACKUP_COMPLETED, o -> o.put("sha256", "ABC"))).getMessage()).contains("$.sha256");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String json = mutate(EventTypes.BACKUP_COMPLETED, o -> {
            o.remove("database");
            o.put("format", "tar");
            o.put("encrypted", "yes");
            o.set("locations", o.arrayNode());
        });

        InvalidEventException e = rejected(EventTypes.BACKUP_COMPLETED, json);

        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage()).contains("$.database", "$.format", "$.encrypted", "$.locations");
    }

    @Test
    void explicitNullForARequiredPrimitiveIsRejectedNotDefaulted() {
        String json = mutate(EventTypes.BACKUP_COMPLETED, o -> o.putNull("encrypted"));

        assertThat(rejected(EventTypes.BACKUP_COMPLETED, json).problems())
                .singleElement().asString().startsWith("$.encrypted: ").contains("null found");
    }

    @Test
    void theMessageNeverCarriesPayloadValues() {
        String secret = "postgres://backup:hunter2@db:5432/mycelix";
        String json = mutate(EventTypes.BACKUP_FAILED, o -> {
            o.put("reason", secret);
            o.put("stage", 42);
            o.remove("database");
        });

        InvalidEventException e = rejected(EventTypes.BACKUP_FAILED, json);

        assertThat(e.getMessage()).contains("$.stage", "$.database").doesNotContain("hunter2", "42");
        assertThat(rejected(EventTypes.BACKUP_FAILED, "{\"reason\":\"" + secret).getMessage())
                .doesNotContain("hunter2");
    }

    @Test
    void nullBlankAndNonJsonInputIsInvalidNotACrash() {
        assertThat(rejected(EventTypes.HEALTH_RECOVERED, (String) null).problems())
                .containsExactly("$: is empty, a JSON object is expected");
        assertThat(rejected(EventTypes.HEALTH_RECOVERED, "  \n").problems())
                .containsExactly("$: is empty, a JSON object is expected");
        assertThatThrownBy(() -> EventCodec.decode(EventTypes.HEALTH_RECOVERED, (byte[]) null))
                .isInstanceOf(InvalidEventException.class);
        assertThat(rejected(EventTypes.HEALTH_RECOVERED, "{\"component\":").problems())
                .singleElement().asString().startsWith("$: is not valid JSON (line 1");
        assertThat(rejected(EventTypes.HEALTH_RECOVERED, "[1,2]").problems())
                .singleElement().asString().startsWith("$: ").contains("array found, object expected");
        assertThat(rejected(EventTypes.HEALTH_RECOVERED, "null").getMessage()).contains("$: null found");
    }

    @Test
    void twoDocumentsInOneRecordAreRejected() {
        String one = EventCodec.encode(SampleEvents.of(EventTypes.HEALTH_RECOVERED));

        assertThat(rejected(EventTypes.HEALTH_RECOVERED, one + one).problems())
                .singleElement().asString().startsWith("$: is not valid JSON");
    }

    @Test
    void validateReportsInsteadOfThrowing() {
        assertThat(SchemaValidator.validate(EventTypes.HEALTH_RECOVERED, "not json"))
                .singleElement().asString().startsWith("$: is not valid JSON");
        assertThat(SchemaValidator.validate(EventTypes.HEALTH_RECOVERED,
                EventCodec.encode(SampleEvents.of(EventTypes.HEALTH_RECOVERED)))).isEmpty();
    }

    /** Valid by schema, refused by the record: still an InvalidEventException naming the field. */
    @Test
    void aNumberTooBigForTheRecordIsNamed() {
        String json = mutate(EventTypes.BACKUP_COMPLETED,
                o -> o.put("sizeBytes", new java.math.BigInteger("100000000000000000000000000000")));

        assertThat(SchemaValidator.validate(EventTypes.BACKUP_COMPLETED, json)).isEmpty();
        InvalidEventException e = rejected(EventTypes.BACKUP_COMPLETED, json);
        assertThat(e.problems()).singleElement().asString().startsWith("$.sizeBytes: ");
        assertThat(e).hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void typedEncodeRefusesWhatConsumersWouldReject() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        EventType<Object> wrong = (EventType) EventTypes.HEALTH_DEGRADED;
        assertThatThrownBy(() -> EventCodec.encode(wrong, SampleEvents.of(EventTypes.HEALTH_RECOVERED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("health.degraded");
    }

    private static InvalidEventException rejected(EventType<?> type, String json) {
        InvalidEventException e =
                catchThrowableOfType(InvalidEventException.class, () -> EventCodec.decode(type, json));
        assertThat(e).as("%s should have been rejected", type.topic()).isNotNull();
        return e;
    }

    private static <T> String mutate(EventType<T> type, Consumer<ObjectNode> change) {
        ObjectNode node = EventJson.mapper().valueToTree(SampleEvents.of(type));
        change.accept(node);
        return node.toString();
    }
}
