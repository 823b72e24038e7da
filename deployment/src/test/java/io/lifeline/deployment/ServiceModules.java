package io.lifeline.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Lifeline services, found from what exists rather than from a list: every module of the root
 * pom whose folder exists and whose pom builds a Quarkus application ({@code quarkus-maven-plugin}),
 * except command-line applications ({@code quarkus-picocli}, e.g. drctl), which run no server.
 * A new service is therefore held to every deployment rule the moment its module is added.
 */
final class ServiceModules {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    /** A PostgreSQL client tool the code starts as a process (a string literal, not a comment). */
    private static final Pattern PG_TOOL = Pattern.compile("\"(pg_dump|pg_restore|pg_amcheck|psql)\"");

    /** One service module. */
    record Service(String name, Path dir, String pom, AppProperties properties) {

        Path dockerfile() {
            return dir.resolve("src/main/docker/Dockerfile.jvm");
        }

        boolean hasHealthExtension() {
            return pom.contains("<artifactId>quarkus-smallrye-health</artifactId>");
        }

        /** The PostgreSQL client tools its main code runs, e.g. pg_dump (empty if none). */
        List<String> postgresTools() {
            List<String> tools = new ArrayList<>();
            Path sources = dir.resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                return tools;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    Matcher m = PG_TOOL.matcher(read(f));
                    while (m.find()) {
                        if (!tools.contains(m.group(1))) {
                            tools.add(m.group(1));
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return tools;
        }

        /** Its HTTP port, or -1 when application.properties sets none (see {@link #portProblem()}). */
        int port() {
            return properties.httpPort().orElse(-1);
        }

        List<String> portProblem() {
            return port() > 0 ? List.of()
                    : List.of(name + ": application.properties sets no quarkus.http.port=${QUARKUS_HTTP_PORT:<port>}");
        }
    }

    private ServiceModules() {
    }

    static List<Service> find(Path root) throws IOException {
        List<Service> services = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            Path dir = root.resolve(m.group(1).trim());
            Path pom = dir.resolve("pom.xml");
            if (!Files.isRegularFile(pom)) {
                continue; // listed before its folder landed: nothing to deploy yet
            }
            String pomText = Files.readString(pom);
            if (!isServerApplication(pomText)) {
                continue;
            }
            Path props = dir.resolve("src/main/resources/application.properties");
            AppProperties properties = Files.isRegularFile(props) ? AppProperties.read(props) : AppProperties.parse("");
            services.add(new Service(dir.getFileName().toString(), dir, pomText, properties));
        }
        return services;
    }

    static boolean isServerApplication(String pom) {
        return pom.contains("<artifactId>quarkus-maven-plugin</artifactId>")
                && !pom.contains("<artifactId>quarkus-picocli</artifactId>");
    }

    /** The project's version: the tag every Lifeline image is pinned to. */
    static String projectVersion(Path root) throws IOException {
        Matcher m = Pattern.compile("<artifactId>lifeline-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no lifeline-parent version in the root pom");
        }
        return m.group(1);
    }

    static Optional<String> readIfExists(Path file) {
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
