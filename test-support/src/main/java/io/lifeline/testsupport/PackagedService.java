package io.lifeline.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The module's packaged service ({@code target/quarkus-app/quarkus-run.jar}, as {@code mvn package}
 * leaves it) as a process of its own, on a free port, against the test's Kafka broker and database,
 * so that a test can kill it the hard way and start it again. Its output goes to
 * {@code target/<name>.log}.
 */
public final class PackagedService implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts it with the settings every Lifeline service reads (HTTP port, Kafka, database, JWT key,
     * plain-text logs) plus {@code env}, and waits until {@code /q/health/ready} answers 200.
     */
    public static PackagedService start(String name, KafkaBroker kafka, TestDatabase database, Map<String, String> env,
            Duration within) throws IOException {
        return start(name, kafka.bootstrapServers(), database, env, "/q/health/ready", within);
    }

    /**
     * The same against any broker address, waiting for {@code healthPath} to answer 200: {@code
     * /q/health/live} for a start while the broker is away (the service runs, but is not ready).
     */
    public static PackagedService start(String name, String bootstrapServers, TestDatabase database,
            Map<String, String> env, String healthPath, Duration within) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn package first");
        }
        int port = FreePorts.next();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString());
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        environment.put("LIFELINE_DB_URL", database.reactiveUrl());
        environment.put("LIFELINE_DB_USER", database.user());
        environment.put("LIFELINE_DB_PASSWORD", database.password());
        environment.put("LIFELINE_JWT_PUBLIC_KEY", TestTokens.publicKeyPem().toString());
        environment.put("LIFELINE_LOG_JSON", "false");
        environment.putAll(env);
        Path log = Path.of("target", name + ".log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        PackagedService service = new PackagedService(builder.start(), port, log);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(service.baseUrl() + healthPath))
                .timeout(Duration.ofSeconds(2)).build();
        await().atMost(within).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
            if (!service.process.isAlive()) {
                throw new IllegalStateException(name + " exited, see " + log);
            }
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
        return service;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
