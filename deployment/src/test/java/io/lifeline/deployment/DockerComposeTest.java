package io.lifeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the repository's docker-compose.yml and .env.example to the rules in {@link ComposeRules},
 * for every service module that exists ({@link ServiceModules}): a new module fails here, naming
 * what it lacks, until its block is written.
 */
class DockerComposeTest {

    private static Path root;
    private static ComposeRules compose;
    private static List<ServiceModules.Service> services;

    @BeforeAll
    static void readFiles() throws IOException {
        root = RepoRoot.find();
        compose = ComposeRules.parse(Files.readString(root.resolve("docker-compose.yml")));
        services = ServiceModules.find(root);
    }

    @Test
    void runsTheWholeSystem() {
        assertThat(compose.serviceNames()).contains("kafka", "postgres", "mycelix-db", "redis", "minio", "minio-init",
                "ipfs", "ethereum", "health-monitor", "backup-service", "notifier");
    }

    @Test
    void everyServiceModuleRunsInCompose() throws IOException {
        Set<String> expected = new TreeSet<>(ComposeRules.serviceDirectories(root));
        services.forEach(s -> expected.add(s.name()));

        assertThat(expected).contains("health-monitor", "backup-service", "notifier");
        assertThat(compose.missingServices(expected)).isEmpty();
    }

    @Test
    void everyServiceIsGivenEveryVariableItMustGetAndOnlyVariablesItReads() {
        List<String> problems = new ArrayList<>();
        services.forEach(s -> problems.addAll(compose.configKeyProblems(s.name(), s.properties())));

        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceListensOnItsPortAndComposeWaitsForItsReadiness() {
        List<String> problems = new ArrayList<>();
        services.forEach(s -> problems.addAll(s.port() > 0 ? compose.portProblems(s.name(), s.port()) : s.portProblem()));

        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceWaitsForTheInfrastructureItUsesButNotForWhatItWatches() {
        Map<String, String> infrastructure = Map.of(
                "kafka:9092", "KAFKA_BOOTSTRAP_SERVERS",
                "postgres:5432", "LIFELINE_DB_URL",
                "minio:9000", "LIFELINE_S3_ENDPOINT");
        List<String> problems = new ArrayList<>();
        services.forEach(s -> problems.addAll(compose.infrastructureDependencyProblems(s.name(), infrastructure)));

        assertThat(problems).isEmpty();
        assertThat(compose.service("health-monitor").get("depends_on")).isEqualTo(Map.of(
                "kafka", Map.of("condition", "service_healthy"),
                "postgres", Map.of("condition", "service_healthy")));
        assertThat(String.valueOf(compose.service("backup-service").get("depends_on")))
                .contains("minio-init={condition=service_completed_successfully}").doesNotContain("mycelix-db");
    }

    @Test
    void everyImageIsPinnedAndLifelineImagesCarryTheProjectVersion() throws IOException {
        String version = ServiceModules.projectVersion(root);
        List<String> problems = new ArrayList<>();
        compose.images().forEach((service, image) -> Images.unpinned(image).ifPresent(why -> problems.add(service + ": " + why)));
        services.forEach(s -> {
            String image = compose.images().get(s.name());
            if (image != null && !Images.effective(image).equals("lifeline/" + s.name() + ":" + version)) {
                problems.add(s.name() + ": image must default to lifeline/" + s.name() + ":" + version + ", is " + image);
            }
        });

        assertThat(problems).isEmpty();
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
    void everyBindMountedRepositoryFileExists() {
        List<String> missing = new ArrayList<>();
        for (String name : compose.serviceNames()) {
            Object volumes = compose.service(name).get("volumes");
            if (volumes instanceof List<?> list) {
                for (Object mount : list) {
                    String source = String.valueOf(mount).split(":")[0];
                    if (source.startsWith("./") && !Files.exists(root.resolve(source))) {
                        missing.add(name + ": bind-mounts " + source + ", which does not exist");
                    }
                }
            }
        }

        assertThat(missing).isEmpty();
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
    void theTwoDatabasesArePostgres15AndSeparate() {
        assertThat(String.valueOf(compose.service("postgres").get("image"))).startsWith("postgres:15.");
        assertThat(String.valueOf(compose.service("mycelix-db").get("image"))).startsWith("postgres:15.");
        assertThat(ComposeRules.environment(compose.service("postgres"))).containsEntry("POSTGRES_DB", "lifeline");
        assertThat(ComposeRules.environment(compose.service("mycelix-db"))).containsEntry("POSTGRES_DB", "mycelix");
        assertThat(String.valueOf(compose.service("redis").get("image"))).startsWith("redis:7.");
    }

    @Test
    void theBackupBucketIsCreatedWithObjectLockAndBackupServiceWritesToIt() {
        String init = String.valueOf(compose.service("minio-init").get("command"));
        Map<String, String> backup = ComposeRules.environment(compose.service("backup-service"));

        assertThat(init).contains("mc mb --ignore-existing --with-lock");
        assertThat(backup).containsEntry("LIFELINE_S3_ENDPOINT", "http://minio:9000")
                .containsEntry("LIFELINE_BACKUP_RECIPIENTS", "/run/secrets/backup_recipients")
                .containsEntry("LIFELINE_PROTECTED_DB_HOST", "${LIFELINE_PROTECTED_DB_HOST:-mycelix-db}");
        assertThat(String.valueOf(compose.service("backup-service").get("secrets"))).contains("backup_recipients");
        assertThat(String.valueOf(compose.service("backup-service").get("volumes"))).contains("backup-data:/var/backups/lifeline");
    }

    @Test
    void healthMonitorGetsItsSettingsFromTheEnvironmentAndItsKeyAsASecret() {
        Map<String, Object> monitor = compose.service("health-monitor");
        Map<String, String> env = ComposeRules.environment(monitor);

        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("LIFELINE_JWT_PUBLIC_KEY", "/run/secrets/jwt_public_key")
                .containsEntry("LIFELINE_PROBE_TARGET_URL", "${LIFELINE_PROBE_TARGET_URL:-http://api:3100/health}");
        assertThat(monitor.get("secrets")).isEqualTo(List.of("jwt_public_key"));
    }

    @Test
    void envExampleSetsEveryVariableTheFileNeedsAndMentionsTheOptionalOnes() throws IOException {
        String envExample = Files.readString(root.resolve(".env.example"));
        ComposeRules.Variables variables = compose.variables();

        assertThat(variables.required()).contains("LIFELINE_DB_PASSWORD", "LIFELINE_S3_SECRET_KEY", "LIFELINE_PROTECTED_DB_PASSWORD");
        assertThat(ComposeRules.unsetVariables(variables.required(), envExample)).isEmpty();
        assertThat(ComposeRules.envFileMentions(envExample)).containsAll(variables.all());
    }

    @Test
    void envExampleHoldsPlaceholdersOnlyAndEnvIsIgnoredByGit() throws IOException {
        String envExample = Files.readString(root.resolve(".env.example"));

        assertThat(ComposeRules.secretValues(".env.example", envExample)).isEmpty();
        ComposeRules.envFileValues(envExample).forEach((key, value) -> {
            if (ComposeRules.isSecretKey(key)) {
                assertThat(value).as(key).isEqualTo("CHANGE-ME");
            }
        });
        assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains(".env");
    }
}
