package io.lifeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the repository's docker-compose.yml, .env.example and service Dockerfiles to the rules in {@link ComposeRules}. */
class DockerComposeTest {

    private static Path root;
    private static String composeText;
    private static ComposeRules compose;

    @BeforeAll
    static void readFiles() throws IOException {
        root = RepoRoot.find();
        composeText = Files.readString(root.resolve("docker-compose.yml"));
        compose = ComposeRules.parse(composeText);
    }

    @Test
    void runsTheWholeSystem() {
        assertThat(compose.serviceNames())
                .contains("kafka", "postgres", "redis", "minio", "minio-init", "health-monitor");
    }

    @Test
    void everyServiceHasAnImageOrABuild() {
        assertThat(compose.imageOrBuild()).isEmpty();
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndRestarts() {
        assertThat(compose.oneShotJobs()).containsExactly("minio-init");
        assertThat(compose.healthchecks()).isEmpty();
        assertThat(compose.restartPolicies()).isEmpty();
    }

    @Test
    void everyDependencyHasAReachableConditionOnAnExistingService() {
        assertThat(compose.dependsOn()).isEmpty();
        assertThat(compose.service("health-monitor").get("depends_on"))
                .isEqualTo(Map.of("kafka", Map.of("condition", "service_healthy")));
    }

    @Test
    void noSecretIsWrittenInTheFile() {
        assertThat(compose.plainTextSecrets()).isEmpty();
    }

    @Test
    void everyNamedVolumeAndSecretIsDeclared() {
        assertThat(compose.undeclaredVolumes()).isEmpty();
        assertThat(compose.undeclaredSecrets()).isEmpty();
    }

    @Test
    void everyServiceFolderWithADockerfileRunsInCompose() throws IOException {
        Set<String> serviceDirs = ComposeRules.serviceDirectories(root);

        assertThat(serviceDirs).contains("health-monitor");
        assertThat(compose.missingServices(serviceDirs)).isEmpty();
    }

    @Test
    void kafkaIsASingleKraftNodeKeepingEventsForPostmortems() {
        Map<String, String> env = ComposeRules.environment(compose.service("kafka"));

        assertThat(compose.service("kafka").get("image")).isEqualTo("apache/kafka:4.1.2");
        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_LOG_RETENTION_HOURS", "2160")
                .containsKey("CLUSTER_ID");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
    }

    @Test
    void healthMonitorGetsItsSettingsFromTheEnvironmentAndItsKeyAsASecret() {
        Map<String, Object> monitor = compose.service("health-monitor");
        Map<String, String> env = ComposeRules.environment(monitor);

        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("LIFELINE_JWT_PUBLIC_KEY", "/run/secrets/jwt_public_key")
                .containsEntry("LIFELINE_PROBE_TARGET_URL", "${LIFELINE_PROBE_TARGET_URL:-http://api:3100/health}");
        assertThat(monitor.get("secrets")).isEqualTo(List.of("jwt_public_key"));
        assertThat(String.valueOf(monitor.get("healthcheck"))).contains("http://localhost:8081/q/health/ready");
    }

    @Test
    void envExampleSetsEveryVariableTheFileNeedsAndMentionsTheOptionalOnes() throws IOException {
        String envExample = Files.readString(root.resolve(".env.example"));
        ComposeRules.Variables variables = compose.variables();

        assertThat(variables.required()).contains("LIFELINE_DB_PASSWORD", "LIFELINE_S3_SECRET_KEY");
        assertThat(ComposeRules.unsetVariables(variables.required(), envExample)).isEmpty();
        assertThat(ComposeRules.envFileMentions(envExample)).containsAll(variables.all());
    }

    @Test
    void envExampleHoldsPlaceholdersOnly() throws IOException {
        String envExample = Files.readString(root.resolve(".env.example"));

        assertThat(ComposeRules.secretValues(".env.example", envExample)).isEmpty();
        ComposeRules.envFileValues(envExample).forEach((key, value) -> {
            if (ComposeRules.isSecretKey(key)) {
                assertThat(value).as(key).isEqualTo("CHANGE-ME");
            }
        });
    }

    @Test
    void serviceImagesRunAsNonRootWithQuarkusLayoutAndHealthcheck() throws IOException {
        for (String dir : ComposeRules.serviceDirectories(root)) {
            String dockerfile = Files.readString(root.resolve(dir).resolve("src/main/docker/Dockerfile.jvm"));

            assertThat(dockerfile).as(dir)
                    .containsPattern("(?m)^FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime:")
                    .containsPattern("(?m)^USER 185$")
                    .contains("target/quarkus-app/lib/ /deployments/lib/",
                            "target/quarkus-app/*.jar /deployments/",
                            "target/quarkus-app/app/ /deployments/app/",
                            "target/quarkus-app/quarkus/ /deployments/quarkus/",
                            "JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"")
                    .containsPattern("(?m)^HEALTHCHECK .*\\R?.*/q/health/live");
        }
    }
}
