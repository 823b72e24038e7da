package io.lifeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.lifeline.events.Topics;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds k8s/ as written to {@link KubernetesRules}: the base for every service module that exists,
 * and both overlays structurally ({@link OverlayRules}). {@link KustomizeBuildTest} checks the
 * same rules on what kustomize renders, where kubectl is installed.
 */
class KubernetesManifestsTest {

    static final int PROD_REPLICATION = 3;
    static final int PROD_MIN_ISR = 2;
    /** The local run keeps 90 days; the cluster must keep at least as much. */
    static final long POSTMORTEM_RETENTION_MS = 90L * 86_400_000L;

    private static Path root;
    private static Manifests base;
    private static KubernetesRules rules;
    private static List<ServiceModules.Service> services;
    private static String version;

    @BeforeAll
    static void read() throws IOException {
        root = RepoRoot.find();
        base = Manifests.load(root.resolve("k8s/base"));
        rules = new KubernetesRules(base);
        services = ServiceModules.find(root);
        version = ServiceModules.projectVersion(root);
    }

    /** Every topic the manifests must create: the events module's, each consumer group's dead letters, and any a service names. */
    static Set<String> expectedTopics(Collection<ServiceModules.Service> services) {
        Set<String> topics = new TreeSet<>(Topics.all());
        for (ServiceModules.Service s : services) {
            s.properties().consumerGroups().forEach(group -> topics.add(Topics.deadLetter(group)));
            topics.addAll(s.properties().deadLetterTopics());
            topics.addAll(s.properties().topics());
        }
        return topics;
    }

    @Test
    void everyResourceOfTheBaseExists() {
        assertThat(base.problems).isEmpty();
        assertThat(base.objects).isNotEmpty();
    }

    @Test
    void bothOverlaysPatchOnlyWhatExists() throws IOException {
        assertThat(OverlayRules.check(root.resolve("k8s/overlays/dev"))).isEmpty();
        assertThat(OverlayRules.check(root.resolve("k8s/overlays/prod"))).isEmpty();
    }

    @Test
    void everyServiceModuleHasADeploymentServiceBudgetAndConfigMap() {
        List<String> problems = new ArrayList<>();
        services.forEach(s -> problems.addAll(s.port() > 0 ? rules.missingObjects(s.name(), s.port()) : s.portProblem()));

        assertThat(services).extracting(ServiceModules.Service::name).contains("health-monitor", "backup-service", "notifier");
        assertThat(problems).isEmpty();
    }

    @Test
    void everyContainerIsPinnedProbedNonRootAndReadOnly() throws IOException {
        List<String> problems = new ArrayList<>();
        for (ServiceModules.Service s : services) {
            String user = Files.isRegularFile(s.dockerfile()) ? DockerfileRules.user(Files.readString(s.dockerfile())) : null;
            problems.addAll(s.port() > 0 ? rules.containerProblems(s.name(), s.port(), version, user) : s.portProblem());
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void replicasAreExplainedAndTheManifestsBehaveAsExplained() {
        List<String> problems = new ArrayList<>();
        services.forEach(s -> problems.addAll(rules.replicaProblems(s.name())));

        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceGetsEveryVariableItMustGetAndOnlyVariablesItReads() {
        List<String> problems = new ArrayList<>();
        services.forEach(s -> problems.addAll(rules.configKeyProblems(s.name(), s.properties())));

        assertThat(problems).isEmpty();
    }

    @Test
    void noSecretValueIsCommittedAndEveryReferencedSecretIsDocumented() throws IOException {
        String readme = Files.readString(root.resolve("k8s/README.md"));

        assertThat(rules.secretProblems()).isEmpty();
        assertThat(base.ofKind("Secret")).isEmpty();
        assertThat(rules.referencedSecrets()).contains("lifeline-jwt-public-key", "backup-service-recipients")
                .allSatisfy(secret -> assertThat(readme).as("k8s/README.md documents Secret " + secret).contains(secret));
    }

    @Test
    void everyTopicIsCreatedReplicatedThreeTimesWithMinIsrTwoAndKeptForPostmortems() {
        Set<String> expected = expectedTopics(services);

        assertThat(expected).contains("incident.opened", "dlq.notifier", "dlq.backup-service", "dlq.health-monitor");
        assertThat(rules.topicProblems(expected, PROD_REPLICATION, PROD_MIN_ISR, POSTMORTEM_RETENTION_MS)).isEmpty();
        assertThat(rules.kafkaClusterProblems(PROD_REPLICATION, PROD_MIN_ISR)).isEmpty();
    }

    @Test
    void noTopicIsDeclaredThatNoOneUses() {
        Set<String> expected = expectedTopics(services);
        Set<String> stale = new TreeSet<>(rules.topics().keySet());
        stale.removeAll(expected);

        assertThat(stale).as("KafkaTopics neither in events' Topics.all() nor a service's dead-letter topic").isEmpty();
    }

    @Test
    void onlyWhatMustTalkTalks() {
        List<String> problems = new ArrayList<>();
        services.forEach(s -> problems.addAll(rules.networkProblems(s.name())));

        assertThat(problems).isEmpty();
    }

    @Test
    void theReadmeStatesEveryServicesReplicas() throws IOException {
        String readme = Files.readString(root.resolve("k8s/README.md"));
        List<String> problems = new ArrayList<>();
        for (ServiceModules.Service s : services) {
            if (base.find("Deployment", s.name()) == null) {
                problems.add(s.name() + ": no Deployment, so no replicas to state in k8s/README.md");
                continue;
            }
            Object replicas = Manifests.Yaml2.at(base.find("Deployment", s.name()), "spec").get("replicas");
            if (!readme.contains("| `" + s.name() + "` | " + replicas + " |")) {
                problems.add(s.name() + ": k8s/README.md needs a row \"| `" + s.name() + "` | " + replicas + " | why |\"");
            }
        }

        assertThat(problems).isEmpty();
    }
}
