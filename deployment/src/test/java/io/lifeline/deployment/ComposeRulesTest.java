package io.lifeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule, shown to catch what it is for on small bad samples (and to pass a good one). */
class ComposeRulesTest {

    private static final String GOOD = """
            services:
              db:
                image: postgres:15
                restart: unless-stopped
                environment:
                  POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}
                volumes: [db-data:/var/lib/postgresql/data, ./init:/docker-entrypoint-initdb.d:ro]
                healthcheck: {test: ["CMD-SHELL", "pg_isready"]}
              init:
                image: busybox
                restart: "no"
                command: ["sh", "-c", "echo $$HOME"]
              app:
                build: {context: ./app, dockerfile: src/main/docker/Dockerfile.jvm}
                image: lifeline/app:${TAG:-latest}
                restart: unless-stopped
                environment:
                  - API_KEY_FILE=/run/secrets/api_key
                  - DB_USER=$DB_USER
                secrets: [api_key]
                depends_on:
                  db: {condition: service_healthy}
                  init: {condition: service_completed_successfully}
                healthcheck: {test: curl -f http://localhost:8080/q/health/ready}
            secrets:
              api_key: {file: ./api.pem}
            volumes:
              db-data:
            """;

    @Test
    void aGoodFilePassesEveryRule() {
        ComposeRules rules = ComposeRules.parse(GOOD);

        assertThat(rules.violations()).isEmpty();
        assertThat(rules.missingServices(List.of("app"))).isEmpty();
    }

    @Test
    void aServiceWithoutImageOrBuildFails() {
        assertThat(ComposeRules.parse(GOOD.replace("image: busybox", "entrypoint: sh")).imageOrBuild())
                .containsExactly("init: has neither image nor build");
    }

    @Test
    void aLongRunningServiceWithoutHealthcheckFails() {
        String noHealthcheck = GOOD.replace("    healthcheck: {test: [\"CMD-SHELL\", \"pg_isready\"]}\n", "");
        String disabled = GOOD.replace("{test: [\"CMD-SHELL\", \"pg_isready\"]}", "{disable: true}");
        String none = GOOD.replace("[\"CMD-SHELL\", \"pg_isready\"]", "[\"NONE\"]");

        for (String yaml : List.of(noHealthcheck, disabled, none)) {
            assertThat(ComposeRules.parse(yaml).healthchecks())
                    .containsExactly("db: long-running service without a healthcheck test "
                            + "(only one-shot jobs with restart \"no\" may omit it)");
        }
    }

    @Test
    void theOneShotJobRuleExemptsOnlyServicesThatDoNotRestart() {
        ComposeRules unquotedNo = ComposeRules.parse(GOOD.replace("restart: \"no\"", "restart: no"));
        ComposeRules restarting = ComposeRules.parse(GOOD.replace("restart: \"no\"", "restart: on-failure"));

        assertThat(unquotedNo.oneShotJobs()).containsExactly("init");
        assertThat(unquotedNo.healthchecks()).isEmpty();
        assertThat(restarting.oneShotJobs()).isEmpty();
        assertThat(restarting.healthchecks()).containsExactly("init: long-running service without a healthcheck test "
                + "(only one-shot jobs with restart \"no\" may omit it)");
        assertThat(restarting.restartPolicies())
                .containsExactly("init: long-running service needs restart: unless-stopped, has on-failure");
    }

    @Test
    void aDependencyWithoutConditionOrOnAnUnknownServiceFails() {
        String shortForm = GOOD.replace("""
                    depends_on:
                      db: {condition: service_healthy}
                      init: {condition: service_completed_successfully}
                """, """
                    depends_on: [db, init]
                """);
        String noCondition = GOOD.replace("db: {condition: service_healthy}", "db: {restart: true}");
        String unknown = GOOD.replace("db: {condition: service_healthy}", "cache: {condition: service_healthy}");
        String typo = GOOD.replace("condition: service_healthy", "condition: service_ready");

        assertThat(ComposeRules.parse(shortForm).dependsOn()).singleElement().asString()
                .startsWith("app: depends_on must use the long form");
        assertThat(ComposeRules.parse(noCondition).dependsOn()).containsExactly("app: depends on db without a condition");
        assertThat(ComposeRules.parse(unknown).dependsOn())
                .containsExactly("app: depends on cache, which is not a service of this file");
        assertThat(ComposeRules.parse(typo).dependsOn())
                .containsExactly("app: depends on db with unknown condition service_ready");
    }

    @Test
    void aDependencyWithAConditionItsTargetCannotReachFails() {
        String jobAsHealthy = GOOD.replace("init: {condition: service_completed_successfully}",
                "init: {condition: service_healthy}");
        String serverAsJob = GOOD.replace("db: {condition: service_healthy}",
                "db: {condition: service_completed_successfully}");
        String healthyWithoutCheck = GOOD.replace("    healthcheck: {test: [\"CMD-SHELL\", \"pg_isready\"]}\n", "");

        assertThat(ComposeRules.parse(jobAsHealthy).dependsOn()).containsExactly(
                "app: depends on one-shot job init with service_healthy; a job is waited on with service_completed_successfully",
                "app: waits for init to be healthy, but it has no healthcheck");
        assertThat(ComposeRules.parse(serverAsJob).dependsOn())
                .containsExactly("app: waits for long-running db to complete; it never will");
        assertThat(ComposeRules.parse(healthyWithoutCheck).dependsOn())
                .containsExactly("app: waits for db to be healthy, but it has no healthcheck");
    }

    @Test
    void aSecretWrittenInTheFileFails() {
        String plain = GOOD.replace("${DB_PASSWORD:?set it}", "hunter2");
        String withDefault = GOOD.replace("${DB_PASSWORD:?set it}", "${DB_PASSWORD:-hunter2}");
        String listSyntax = GOOD.replace("API_KEY_FILE=/run/secrets/api_key", "API_TOKEN=abc123");

        assertThat(ComposeRules.parse(plain).plainTextSecrets()).singleElement().asString()
                .startsWith("db: environment POSTGRES_PASSWORD holds a secret in plain text");
        assertThat(ComposeRules.parse(withDefault).plainTextSecrets()).singleElement().asString()
                .startsWith("db: environment POSTGRES_PASSWORD holds a secret in plain text");
        assertThat(ComposeRules.parse(listSyntax).plainTextSecrets()).singleElement().asString()
                .startsWith("app: environment API_TOKEN holds a secret in plain text");
    }

    @Test
    void aCredentialLookingValueFailsUnderAnyKey() {
        String awsKey = "AKIA" + "IOSFODNN7EXAMPLE";
        String slack = "https://hooks.slack.com/services/" + "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
        String pem = "-----BEGIN " + "RSA PRIVATE KEY-----";

        assertThat(ComposeRules.parse(GOOD.replace("DB_USER=$DB_USER", "AWS_ID=" + awsKey)).plainTextSecrets())
                .containsExactly("services.app.environment[1]: looks like an AWS access key id");
        assertThat(ComposeRules.parse(GOOD.replace("DB_USER=$DB_USER", "HOOK=" + slack)).plainTextSecrets())
                .containsExactly("services.app.environment[1]: looks like a Slack webhook URL");
        assertThat(ComposeRules.parse(GOOD.replace("echo $$HOME", "echo '" + pem + "'")).plainTextSecrets())
                .containsExactly("services.init.command[2]: looks like a private key");
        assertThat(ComposeRules.parse(GOOD.replace("DB_USER=$DB_USER", "DB_URL=postgresql://app:s3cret@db/x"))
                .plainTextSecrets()).containsExactly("services.app.environment[1]: looks like a URL with an inline password");
        assertThat(ComposeRules.parse(GOOD.replace("DB_USER=$DB_USER", "DB_URL=postgresql://app:${PW}@db/x"))
                .plainTextSecrets()).isEmpty();
    }

    @Test
    void anUndeclaredNamedVolumeOrSecretFails() {
        ComposeRules rules = ComposeRules.parse(GOOD.replace("volumes:\n  db-data:\n", "")
                .replace("secrets:\n  api_key: {file: ./api.pem}\n", ""));

        assertThat(rules.undeclaredVolumes())
                .containsExactly("db: mounts named volume db-data, which is not declared under volumes:");
        assertThat(rules.undeclaredSecrets())
                .containsExactly("app: uses secret api_key, which is not declared under secrets:");
    }

    @Test
    void aServiceFolderMissingFromComposeFails() {
        ComposeRules rules = ComposeRules.parse(GOOD);
        ComposeRules wrongBuild = ComposeRules.parse(GOOD.replace("context: ./app", "context: ./other")
                .replace("src/main/docker/Dockerfile.jvm", "Dockerfile").replace("lifeline/app:", "app:"));

        assertThat(rules.missingServices(List.of("app", "backup-service")))
                .containsExactly("backup-service: is a Lifeline service but has no service in docker-compose.yml (see deployment/README.md)");
        assertThat(wrongBuild.missingServices(List.of("app"))).containsExactly(
                "app: is not built from ./app (build context: ./other)",
                "app: build.dockerfile must be src/main/docker/Dockerfile.jvm, is Dockerfile",
                "app: image must be lifeline/app:<tag>, is app:${TAG:-latest}");
    }

    @Test
    void serviceFoldersAreThoseWithADockerfileJvm(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("backup-service/src/main/docker"));
        Files.writeString(repo.resolve("backup-service/src/main/docker/Dockerfile.jvm"), "FROM x\n");
        Files.createDirectories(repo.resolve("events/src/main/java"));

        assertThat(ComposeRules.serviceDirectories(repo)).containsExactly("backup-service");
    }

    @Test
    void variablesWithoutDefaultAreRequiredAndEscapedDollarsAreNotVariables() {
        ComposeRules.Variables variables = ComposeRules.parse(GOOD).variables();

        assertThat(variables.required()).containsExactlyInAnyOrder("DB_PASSWORD", "DB_USER");
        assertThat(variables.optional()).containsExactly("TAG");
    }

    @Test
    void anEnvFileMissingARequiredVariableIsDetected() {
        String env = """
                # comment
                DB_PASSWORD=CHANGE-ME
                # TAG=latest
                """;
        Set<String> required = ComposeRules.parse(GOOD).variables().required();

        assertThat(ComposeRules.envFileValues(env)).containsOnlyKeys("DB_PASSWORD");
        assertThat(ComposeRules.envFileMentions(env)).containsExactly("DB_PASSWORD", "TAG");
        assertThat(ComposeRules.unsetVariables(required, env)).containsExactly("DB_USER");
    }
}
