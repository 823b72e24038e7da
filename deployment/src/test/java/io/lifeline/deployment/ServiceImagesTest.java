package io.lifeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every service module (see {@link ServiceModules}) has an image that obeys {@link DockerfileRules}, and health endpoints. */
class ServiceImagesTest {

    private static Path root;
    private static List<ServiceModules.Service> services;

    @BeforeAll
    static void find() throws IOException {
        root = RepoRoot.find();
        services = ServiceModules.find(root);
    }

    @Test
    void theServicesAreFoundFromTheModulesAndCommandLineAppsAreNot() {
        assertThat(services).extracting(ServiceModules.Service::name)
                .contains("health-monitor", "backup-service", "notifier")
                .doesNotContain("events", "service-support", "test-support", "deployment", "drctl");
    }

    @Test
    void everyServiceHasADockerfileJvm() {
        List<String> missing = new ArrayList<>();
        services.forEach(s -> {
            if (!Files.isRegularFile(s.dockerfile())) {
                missing.add(s.name() + ": no src/main/docker/Dockerfile.jvm (copy notifier's, or backup-service's if it runs PostgreSQL tools)");
            }
        });

        assertThat(missing).isEmpty();
    }

    @Test
    void everyImageIsQuarkusJvmLayoutNonRootPinnedAndChecksItsLiveness() throws IOException {
        List<String> problems = new ArrayList<>();
        for (ServiceModules.Service s : services) {
            problems.addAll(s.portProblem());
            if (Files.isRegularFile(s.dockerfile()) && s.port() > 0) {
                problems.addAll(DockerfileRules.check(s.name(), s.port(), s.postgresTools(), Files.readString(s.dockerfile())));
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void theServicesThatRunPostgresToolsAreKnown() {
        // If this changes, the image rule above decides whether the image has postgresql-client-15.
        assertThat(services.stream().filter(s -> s.name().equals("backup-service")).findFirst().orElseThrow().postgresTools())
                .contains("pg_dump", "pg_restore");
        assertThat(services.stream().filter(s -> s.name().equals("health-monitor")).findFirst().orElseThrow().postgresTools())
                .contains("pg_amcheck");
    }

    @Test
    void everyServiceExposesSmallRyeHealth() {
        List<String> missing = new ArrayList<>();
        services.forEach(s -> {
            if (!s.hasHealthExtension()) {
                missing.add(s.name() + ": pom lacks io.quarkus:quarkus-smallrye-health (/q/health/live and /ready)");
            }
        });

        assertThat(missing).isEmpty();
    }

    @Test
    void theLocalRunListsServicesOnTheirOwnPorts() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("infra/services.conf"))) {
            String[] parts = line.replaceAll("#.*", "").trim().split("\\s+");
            if (parts.length < 2) {
                continue;
            }
            services.stream().filter(s -> s.name().equals(parts[0])).findFirst().ifPresentOrElse(
                    s -> {
                        if (s.port() != Integer.parseInt(parts[1])) {
                            problems.add(parts[0] + ": infra/services.conf says port " + parts[1] + ", application.properties " + s.port());
                        }
                    },
                    () -> problems.add(parts[0] + ": in infra/services.conf but not a service module of the root pom"));
        }

        assertThat(problems).isEmpty();
    }
}
