package io.lifeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders both overlays with {@code kubectl kustomize} (when kubectl is on the PATH; Debian's
 * kubernetes-client is too old for these kustomizations, so CI machines without the kubectl
 * that this machine kind ships skip this class, and {@link KubernetesManifestsTest} and
 * {@link OverlayRules} still check the files structurally) and holds what would be applied to
 * the same rules: prod with RF 3 / min ISR 2, dev with one broker.
 */
class KustomizeBuildTest {

    private static Path root;
    private static List<ServiceModules.Service> services;
    private static String version;

    @BeforeAll
    static void setUp() throws IOException {
        root = RepoRoot.find();
        services = ServiceModules.find(root);
        version = ServiceModules.projectVersion(root);
    }

    static String kustomize(Path overlay) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize", ".yaml");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize " + overlay + ": " + Files.readString(err)).isZero();
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // kustomize v4+ (kubectl 1.21+) understands the `patches` field the overlays use.
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && output.matches("(?s).*Kustomize Version: v[4-9].*");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> everyRule(Manifests rendered, int replication, int minIsr) throws IOException {
        KubernetesRules rules = new KubernetesRules(rendered);
        List<String> problems = new ArrayList<>();
        for (ServiceModules.Service s : services) {
            String user = Files.isRegularFile(s.dockerfile()) ? DockerfileRules.user(Files.readString(s.dockerfile())) : null;
            if (s.port() < 0) {
                problems.addAll(s.portProblem());
                continue;
            }
            List<String> missing = rules.missingObjects(s.name(), s.port());
            problems.addAll(missing);
            if (!missing.isEmpty()) {
                continue;
            }
            problems.addAll(rules.containerProblems(s.name(), s.port(), version, user));
            problems.addAll(rules.replicaProblems(s.name()));
            problems.addAll(rules.configKeyProblems(s.name(), s.properties()));
            problems.addAll(rules.networkProblems(s.name()));
        }
        problems.addAll(rules.secretProblems());
        problems.addAll(rules.topicProblems(KubernetesManifestsTest.expectedTopics(services), replication, minIsr,
                KubernetesManifestsTest.POSTMORTEM_RETENTION_MS));
        problems.addAll(rules.kafkaClusterProblems(replication, minIsr));
        return problems;
    }

    @Test
    void prodRendersWithThreeReplicasAndMinIsrTwoEverywhere() throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl with kustomize v4+ not installed");
        Manifests prod = Manifests.of(kustomize(root.resolve("k8s/overlays/prod")));

        assertThat(everyRule(prod, 3, 2)).isEmpty();
        assertThat(prod.objects).allSatisfy(o -> assertThat(Manifests.Yaml2.at(o, "metadata").get("namespace"))
                .as(Manifests.kind(o) + " " + Manifests.name(o)).isIn("lifeline", null));
        assertThat(Manifests.Yaml2.at(prod.find("Deployment", "notifier"), "spec", "template", "spec", "affinity",
                "podAntiAffinity")).containsKey("requiredDuringSchedulingIgnoredDuringExecution");
    }

    @Test
    void devRendersWithOneBrokerAndOneReplicaPerTopic() throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl with kustomize v4+ not installed");
        Manifests dev = Manifests.of(kustomize(root.resolve("k8s/overlays/dev")));

        assertThat(everyRule(dev, 1, 1)).isEmpty();
        assertThat(new KubernetesRules(dev).topics().values())
                .allSatisfy(spec -> assertThat(spec.get("replicas")).isEqualTo(1));
    }
}
