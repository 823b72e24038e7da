package io.lifeline.drctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.KafkaBroker;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * drctl against a real Kafka broker holding the events of the plan's Scenario 1 (see {@link Scenario}),
 * spread over several partitions: replay, rehearsal copies, postmortem and the incident list.
 */
@QuarkusMainTest
class DrctlEventLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaBroker broker;
    private static Scenario scenario;

    @BeforeAll
    static void publishScenario() throws Exception {
        broker = KafkaBroker.start();
        // drctl reads its bootstrap servers from LIFELINE_KAFKA_BOOTSTRAP; a system property serves the same.
        System.setProperty("LIFELINE_KAFKA_BOOTSTRAP", broker.bootstrapServers());
        try (Admin admin = admin()) {
            // Several partitions per topic: the replay must merge them back into time order.
            admin.createTopics(List.of(new NewTopic("incident.opened", 3, (short) 1),
                    new NewTopic("notification.sent", 2, (short) 1))).all().get();
        }
        scenario = new Scenario(Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        scenario.publish(broker.bootstrapServers());
        try (EventTopics topics = new EventTopics(broker.bootstrapServers())) {
            // A poison record kept in a dead-letter topic, inside the window.
            topics.sendRaw("dlq.notifier", "k", "not json {", Map.of());
        }
    }

    @AfterAll
    static void stopBroker() {
        System.clearProperty("LIFELINE_KAFKA_BOOTSTRAP");
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void replayMergesEveryTopicInTimeOrderAndOnlyReads(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Map<TopicPartition, Long> before = endOffsets();
        Path out = dir.resolve("replay.jsonl");
        Instant from = scenario.at(-10 * 3600);
        Instant to = scenario.at(1_000); // leaves out the drill at +5,000 s

        LaunchResult result = launcher.launch("replay", "--from", from.toString(), "--to", to.toString(), "--out",
                out.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        List<Scenario.Entry> expected = scenario.entries.stream().filter(e -> e.at().isBefore(to))
                .sorted(java.util.Comparator.comparing(Scenario.Entry::at)).toList();
        List<JsonNode> scenarioLines = lines.stream().filter(l -> !l.path("topic").asText().startsWith("dlq.")).toList();
        assertThat(scenarioLines).hasSize(expected.size());
        assertThat(scenarioLines).extracting(l -> Instant.parse(l.get("time").asText())).isSorted();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(scenarioLines.get(i).get("topic").asText()).isEqualTo(expected.get(i).topic());
            assertThat(scenarioLines.get(i).get("payload")).isEqualTo(JSON.readTree(expected.get(i).value()));
            assertThat(scenarioLines.get(i).path("attributes").path("type").asText())
                    .isEqualTo("lifeline." + expected.get(i).topic());
        }
        // The dead-lettered record was published just now: outside this window, inside a window up to now.
        assertThat(lines).noneMatch(l -> l.path("topic").asText().equals("dlq.notifier"));
        assertThat(endOffsets()).as("replay never writes to live topics").isEqualTo(before);
    }

    @Test
    void aPoisonRecordIsReplayedAsRawTextAndTheLineStaysJson(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("dlq.jsonl");
        LaunchResult result = launcher.launch("replay", "--from", "10m", "--topics", "dlq.notifier", "--out",
                out.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0)).get("rawValue").asText()).isEqualTo("not json {");
    }

    @Test
    void aRehearsalCopiesIntoPrefixedTopicsOnly(QuarkusMainLauncher launcher, @TempDir Path dir) {
        Map<TopicPartition, Long> before = endOffsets();
        LaunchResult result = launcher.launch("replay", "--from", scenario.at(-10 * 3600).toString(), "--to",
                scenario.at(1_000).toString(), "--topics", "incident.opened,incident.resolved", "--into-prefix",
                "rehearsal.", "--out", dir.resolve("r.jsonl").toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();

        try (EventTopics topics = new EventTopics(broker.bootstrapServers())) {
            assertThat(topics.awaitRecords("rehearsal.incident.opened", 2, r -> true, Duration.ofSeconds(30)))
                    .extracting(r -> r.value()).containsExactlyInAnyOrderElementsOf(
                            scenario.entries.stream().filter(e -> e.topic().equals("incident.opened"))
                                    .map(Scenario.Entry::value).toList());
        }
        Map<TopicPartition, Long> after = endOffsets();
        after.keySet().removeIf(tp -> tp.topic().startsWith("rehearsal."));
        assertThat(after).isEqualTo(before);

        LaunchResult refused = launcher.launch("replay", "--from", "1h", "--into-prefix", "", "--out",
                dir.resolve("x.jsonl").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.getErrorOutput()).contains("never write to live topics");
    }

    @Test
    void postmortemWritesMarkdownAndHtmlWithTheMeasuredTimes(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        LaunchResult result = launcher.launch("postmortem", scenario.incidentId, "--out-dir", dir.toString(), "--json");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        JsonNode json = JSON.readTree(result.getOutput());
        assertThat(json.get("events").asInt()).isEqualTo(11);
        assertThat(json.get("timeToDetectMillis").asLong()).isEqualTo(60_000);
        assertThat(json.get("timeToAcknowledgeMillis").asLong()).isEqualTo(240_000);
        assertThat(json.get("rtoAchievedMillis").asLong()).isEqualTo(920_000);
        assertThat(json.get("rtoMet").asBoolean()).isTrue();
        assertThat(json.get("rpoAchievedMillis").asLong()).isEqualTo(Duration.ofHours(9).toMillis());
        String md = Files.readString(Path.of(json.get("markdown").asText()));
        assertThat(md).contains(scenario.incidentId, "### Did we meet the RTO target?", "Yes: 15 min 20 s");
        String html = Files.readString(Path.of(json.get("html").asText()));
        assertThat(html).contains("<svg").doesNotContain(scenario.otherIncidentId);
    }

    @Test
    void postmortemOfAnUnknownIncidentSaysSoWithExitFour(QuarkusMainLauncher launcher, @TempDir Path dir) {
        LaunchResult result = launcher.launch("postmortem", "inc-does-not-exist", "--out-dir", dir.toString());
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.getErrorOutput()).contains("no incident.opened for 'inc-does-not-exist'");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void incidentsListsWhatIsStillOpen(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("incidents", "--open", "--json");
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        JsonNode rows = JSON.readTree(result.getOutput());
        assertThat(rows).extracting(r -> r.get("incidentId").asText()).containsExactly(scenario.otherIncidentId);

        JsonNode all = JSON.readTree(launcher.launch("incidents", "--json").getOutput());
        JsonNode resolved = null;
        for (JsonNode r : all) {
            if (r.get("incidentId").asText().equals(scenario.incidentId)) {
                resolved = r;
            }
        }
        assertThat(resolved).isNotNull();
        assertThat(resolved.get("acknowledgedBy").asText()).isEqualTo("alice");
        assertThat(resolved.hasNonNull("resolvedAt")).isTrue();
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(props);
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = admin()) {
            var names = admin.listTopics().names().get();
            var descriptions = admin.describeTopics(names).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> query = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions()
                    .forEach(p -> query.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(query).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            ends.keySet().removeIf(tp -> tp.topic().startsWith("__"));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
