package io.lifeline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.lifeline.events.backup.BackupCompleted;
import io.lifeline.events.backup.BackupRequested;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.events.restore.BackupSelector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract is complete and self-consistent: topics, types, schemas and records agree. */
class ContractCoverageTest {

    /** The topics ARCHITECTURE.md (section Events) lists, plus those Lifeline added. */
    private static final List<String> ARCHITECTURE_TOPICS = List.of(
            "backup.requested", "backup.started", "backup.completed", "backup.failed",
            "restore.requested", "restore.started", "restore.completed", "restore.failed", "drill.completed",
            "health.degraded", "health.recovered",
            "incident.opened", "incident.acknowledged", "incident.escalated", "incident.resolved",
            "contract.anomaly", "contract.paused",
            "ipfs.content.missing", "ipfs.content.repinned", "ipfs.content.lost",
            "notification.sent", "notification.failed");
    private static final List<String> ADDED_TOPICS = List.of("incident.updated", "backup.pruned", "health.heartbeat",
            "maintenance.started", "maintenance.ended");

    static Stream<EventType<?>> types() {
        return EventTypes.all().stream();
    }

    @Test
    void everyArchitectureTopicHasAConstantAnEventTypeAndASchema() {
        List<String> expected = new ArrayList<>(ARCHITECTURE_TOPICS);
        expected.addAll(ADDED_TOPICS);

        assertThat(Topics.all()).containsExactlyInAnyOrderElementsOf(expected);
        for (String topic : expected) {
            EventType<?> type = EventTypes.forTopic(topic).orElseThrow(() -> new AssertionError("no type for " + topic));
            assertThat(type.topic()).isEqualTo(topic);
            assertThat(ContractCoverageTest.class.getResource(type.schemaResource()))
                    .as("schema of %s", topic).isNotNull();
        }
    }

    @Test
    void topicsAllListsEveryConstantOnce() throws IllegalAccessException {
        List<String> constants = new ArrayList<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            int mods = field.getModifiers();
            if (Modifier.isPublic(mods) && Modifier.isStatic(mods) && field.getType() == String.class
                    && !field.getName().equals("DEAD_LETTER_PREFIX")) {
                constants.add((String) field.get(null));
            }
        }
        assertThat(Topics.all()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(constants);
        assertThat(Topics.all()).allMatch(t -> t.matches("[a-z]+(\\.[a-z]+)+"), "domain.event form");
    }

    @Test
    void eventTypesAreNamedLikeTheirTopicConstantAndInTheSameOrder() throws Exception {
        assertThat(EventTypes.all().stream().map(EventType::topic).toList()).isEqualTo(Topics.all());
        for (Field field : EventTypes.class.getFields()) {
            if (field.getType() == EventType.class) {
                EventType<?> type = (EventType<?>) field.get(null);
                assertThat(Topics.class.getField(field.getName()).get(null)).isEqualTo(type.topic());
            }
        }
    }

    @Test
    void forTopicFindsOnlyKnownTopics() {
        assertThat(EventTypes.forTopic("health.degraded")).containsSame(EventTypes.HEALTH_DEGRADED);
        assertThat(EventTypes.forTopic("health.exploded")).isEmpty();
        assertThat(EventTypes.forTopic(null)).isEmpty();
    }

    @Test
    void derivedNamesFollowTheConventions() {
        assertThat(EventTypes.HEALTH_DEGRADED.cloudEventType()).isEqualTo("lifeline.health.degraded");
        assertThat(EventTypes.IPFS_CONTENT_MISSING.schemaResource())
                .isEqualTo("/schemas/ipfs.content.missing.schema.json");
        assertThat(EventTypes.INCIDENT_UPDATED.schemaId())
                .isEqualTo("https://lifeline.io/schemas/incident.updated.schema.json");
        assertThat(Topics.deadLetter("notifier")).isEqualTo("dlq.notifier");
        assertThatThrownBy(() -> Topics.deadLetter(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.deadLetter("my group")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thereIsNoSchemaWithoutATopic() throws IOException, URISyntaxException {
        Path dir = Path.of(ContractCoverageTest.class.getResource("/schemas").toURI());
        Set<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        Set<String> expected = Topics.all().stream().map(t -> t + ".schema.json").collect(Collectors.toSet());
        assertThat(files).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void schemaHeaderIsComplete(EventType<?> type) throws IOException {
        JsonNode schema = schemaOf(type);
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(type.schemaId());
        assertThat(schema.path("title").asText()).isEqualTo(type.payloadClass().getSimpleName());
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
        assertThat(schema.path("additionalProperties").asBoolean()).isTrue();
        assertThat(schema.path("required").isArray()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void schemaIsAValidDraft202012Schema(EventType<?> type) throws IOException {
        var metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(metaSchema.validate(schemaOf(type))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void schemaRefsStayInsideTheirFile(EventType<?> type) throws IOException {
        List<String> refs = new ArrayList<>();
        collectRefs(schemaOf(type), refs);
        assertThat(refs).allMatch(ref -> ref.startsWith("#/$defs/"));
    }

    /**
     * Schema and record describe the same shape, nested records included: every component is a
     * schema property, every required property is a component, and every primitive is required
     * (Jackson would quietly turn a missing boolean into false).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void schemaAndRecordAgree(EventType<?> type) throws IOException {
        JsonNode root = schemaOf(type);
        assertAgree(root, root, type.payloadClass(), type.topic());
    }

    private static void assertAgree(JsonNode root, JsonNode schema, Class<?> record, String where) {
        JsonNode properties = schema.path("properties");
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        Set<String> components = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toSet());

        assertThat(components).as("components of %s without a schema property", where)
                .allMatch(properties::has);
        assertThat(required).as("required properties of %s that are not components", where)
                .isSubsetOf(components);
        for (RecordComponent component : record.getRecordComponents()) {
            String path = where + "." + component.getName();
            if (component.getType().isPrimitive()) {
                assertThat(required).as("primitive %s must be required", path).contains(component.getName());
            }
            Class<?> nested = nestedRecord(component);
            if (nested != null) {
                JsonNode property = properties.path(component.getName());
                JsonNode nestedSchema = resolve(root, property.has("items") ? property.path("items") : property);
                assertAgree(root, nestedSchema, nested, path);
            }
        }
    }

    private static Class<?> nestedRecord(RecordComponent component) {
        Class<?> type = component.getType();
        if (type.isRecord()) {
            return type;
        }
        if (List.class.isAssignableFrom(type) && component.getGenericType() instanceof ParameterizedType list) {
            Type element = list.getActualTypeArguments()[0];
            if (element instanceof Class<?> c && c.isRecord()) {
                return c;
            }
        }
        return null;
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        if (node.has("$ref")) {
            JsonNode target = root.at(node.get("$ref").asText().substring(1));
            assertThat(target.isMissingNode()).as("ref %s", node.get("$ref")).isFalse();
            return target;
        }
        return node;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (var entry : node.properties()) {
                if (entry.getKey().equals("$ref")) {
                    refs.add(entry.getValue().asText());
                } else {
                    collectRefs(entry.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    static JsonNode schemaOf(EventType<?> type) throws IOException {
        try (InputStream in = ContractCoverageTest.class.getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema of %s", type.topic()).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }

    static Stream<Arguments> enumerations() {
        List<String> severities = Arrays.stream(Severity.values()).map(Severity::wireName).toList();
        return Stream.of(
                Arguments.of(EventTypes.BACKUP_REQUESTED, "/properties/trigger/enum", BackupRequested.TRIGGERS),
                Arguments.of(EventTypes.BACKUP_STARTED, "/properties/trigger/enum", BackupRequested.TRIGGERS),
                Arguments.of(EventTypes.BACKUP_COMPLETED, "/properties/format/enum", BackupCompleted.FORMATS),
                Arguments.of(EventTypes.BACKUP_COMPLETED, "/properties/compression/enum",
                        BackupCompleted.COMPRESSIONS),
                Arguments.of(EventTypes.RESTORE_REQUESTED, "/$defs/BackupSelector/properties/kind/enum",
                        BackupSelector.KINDS),
                Arguments.of(EventTypes.INCIDENT_OPENED, "/properties/severity/enum", Set.copyOf(severities)),
                Arguments.of(EventTypes.INCIDENT_UPDATED, "/properties/severity/enum", Set.copyOf(severities)),
                Arguments.of(EventTypes.CONTRACT_ANOMALY, "/properties/severity/enum", Set.copyOf(severities)),
                Arguments.of(EventTypes.NOTIFICATION_SENT, "/properties/channel/enum", NotificationSent.CHANNELS),
                Arguments.of(EventTypes.NOTIFICATION_FAILED, "/properties/channel/enum", NotificationSent.CHANNELS));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enumerations")
    void schemaEnumerationsMatchTheJavaConstants(EventType<?> type, String pointer, Set<String> java)
            throws IOException {
        JsonNode values = schemaOf(type).at(pointer);
        assertThat(values.isArray()).as(pointer).isTrue();
        List<String> inSchema = new ArrayList<>();
        values.forEach(n -> inSchema.add(n.asText()));
        assertThat(inSchema).containsExactlyInAnyOrderElementsOf(java);
    }
}
