package io.lifeline.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole of Lifeline as a newcomer runs it: {@code bin/lifeline up} with a state folder, ports and
 * databases of its own (so that a developer's local run, or another checkout's, is never touched),
 * and {@code bin/lifeline down} at the end. Commands run as an operator would run them:
 * {@code bin/drctl}, {@code bin/lifeline token}, psql-level SQL on the protected database.
 */
final class LocalStack implements AutoCloseable {

    static final String LIFELINE_DB = "lifeline_scenarios";
    static final String PROTECTED_DB = "mycelix_scenarios";
    static final String RESTORE_TARGET = "mycelix";
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";

    final Path root;
    final Path stateDir;
    final Map<String, String> env = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private LocalStack(Path root, String apiUrl, String gatewayUrl) {
        this.root = root;
        this.stateDir = root.resolve("scenarios/target/stack");
        env.put("LIFELINE_STATE_DIR", stateDir.toString());
        env.put("LIFELINE_DB_NAME", LIFELINE_DB);
        env.put("LIFELINE_PROTECTED_DB_NAME", PROTECTED_DB);
        env.put("LIFELINE_PROBE_PG_URL", "postgresql://postgres@127.0.0.1:5432/" + PROTECTED_DB);
        env.put("LIFELINE_PROBE_TARGET_URL", apiUrl);
        env.put("LIFELINE_PROBE_INTERVAL", "1s");
        // The plan's scenarios as the issue asks them: the restore and the pause go on without a person.
        env.put("LIFELINE_RESTORE_INCIDENT_POLICY", "auto");
        env.put("LIFELINE_CONTRACT_PAUSE_POLICY", "auto");
        env.put("LIFELINE_BACKUP_SCHEDULE", "off");
        // ipfs-guardian: a public gateway to repair from, passes run by the test, quick re-checks.
        env.put("LIFELINE_IPFS_GATEWAYS_SCENARIO_URL", gatewayUrl);
        env.put("LIFELINE_IPFS_SCHEDULE", "off");
        env.put("LIFELINE_IPFS_FAILURE_RECHECK", "1s");
        env.put("LIFELINE_IPFS_LOST_AFTER_CHECKS", "2");
        // Ports of its own, beside the defaults a local run uses.
        env.put("LIFELINE_KAFKA_PORT", "19792");
        env.put("LIFELINE_KAFKA_CONTROLLER_PORT", "19793");
        env.put("LIFELINE_S3_PORT", "19700");
        env.put("LIFELINE_CHAIN_PORT", "18745");
        env.put("LIFELINE_IPFS_API_PORT", "15201");
        env.put("LIFELINE_IPFS_GATEWAY_PORT", "18288");
        env.put("LIFELINE_IPFS_RPC_PORT", "15203");
        env.put("LIFELINE_RECEIVER_PORT", "18290");
        env.put("LIFELINE_HEALTH_MONITOR_PORT", "18281");
        env.put("LIFELINE_BACKUP_SERVICE_PORT", "18282");
        env.put("LIFELINE_RESTORE_SERVICE_PORT", "18283");
        env.put("LIFELINE_NOTIFIER_PORT", "18284");
        env.put("LIFELINE_CONTRACT_GUARDIAN_PORT", "18285");
        env.put("LIFELINE_IPFS_GUARDIAN_PORT", "18286");
    }

    /** Starts everything; a stack left over by an interrupted run is stopped and its databases dropped first. */
    static LocalStack up(String apiUrl, String gatewayUrl) {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("bin/lifeline"))) {
            root = root.getParent();
        }
        LocalStack stack = new LocalStack(root, apiUrl, gatewayUrl);
        stack.lifeline(Duration.ofMinutes(2), "down");
        stack.dropDatabases();
        stack.forgetEarlierRuns();
        stack.lifeline(Duration.ofMinutes(15), "up");
        return stack;
    }

    /**
     * A fresh state folder: an earlier run's events stay in its Kafka log and its contracts are
     * deployed again at the same addresses, so they would answer this run's questions. The
     * downloaded Kafka and s3proxy jars are kept.
     */
    private void forgetEarlierRuns() {
        if (!Files.exists(stateDir)) {
            return;
        }
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.equals(stateDir) && !p.startsWith(stateDir.resolve("kafka/lib"))
                            && !p.startsWith(stateDir.resolve("s3/lib")))
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            lifeline(Duration.ofMinutes(2), "down");
        } finally {
            dropDatabases();
        }
    }

    /**
     * The plan's "complete server loss": everything stops, Lifeline's database, the protected database
     * and the local backup copies are gone; then a new server runs {@code bin/lifeline up} (which gives
     * it a fresh demo platform database) with only the bucket, Kafka and the keys kept.
     */
    void serverLost() throws IOException {
        lifeline(Duration.ofMinutes(2), "down");
        dropDatabases();
        Path backups = stateDir.resolve("backups");
        if (Files.exists(backups)) {
            try (var files = Files.walk(backups)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        lifeline(Duration.ofMinutes(15), "up");
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + env.get("LIFELINE_KAFKA_PORT");
    }

    String serviceUrl(String portVariable) {
        return "http://127.0.0.1:" + env.get(portVariable);
    }

    String receiverUrl() {
        return "http://127.0.0.1:" + env.get("LIFELINE_RECEIVER_PORT");
    }

    String chainUrl() {
        return "http://127.0.0.1:" + env.get("LIFELINE_CHAIN_PORT");
    }

    String ipfsApiUrl() {
        return "http://127.0.0.1:" + env.get("LIFELINE_IPFS_API_PORT");
    }

    String operatorToken() {
        return lifeline(Duration.ofMinutes(1), "token", "--role", "operator").strip();
    }

    Path chainDeployment() {
        return stateDir.resolve("chain/deployment.json");
    }

    /** {@code bin/lifeline ARGS}; fails the test with the command's output when it fails. */
    String lifeline(Duration timeout, String... args) {
        return run(timeout, 0, "bin/lifeline", args).output();
    }

    /** {@code bin/drctl ARGS} as an operator with a token of the stack's dev keys. */
    Result drctl(Duration timeout, String... args) {
        return run(timeout, -1, "bin/drctl", args);
    }

    String get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String post(String url, String json) {
        return post(url, json, null);
    }

    /** POST with a bearer token when one is given (an operator action). */
    String post(String url, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Connection protectedDatabase() throws SQLException {
        return DriverManager.getConnection(PG + PROTECTED_DB, "postgres", "");
    }

    long count(String sql) {
        try (Connection c = protectedDatabase(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1; // the database is being swapped: not an answer yet
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = protectedDatabase(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    record Result(int exitCode, String output) {
    }

    private Result run(Duration timeout, int expectedExit, String command, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve(command).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Path log = Files.createTempFile("lifeline-scenario-", ".log");
            pb.redirectOutput(log.toFile());
            Process process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                throw new AssertionError(command + " " + String.join(" ", args) + " did not finish within " + timeout
                        + ":\n" + Files.readString(log));
            }
            String output = Files.readString(log);
            Files.deleteIfExists(log);
            if (expectedExit >= 0 && process.exitValue() != expectedExit) {
                throw new AssertionError(command + " " + String.join(" ", args) + " exited " + process.exitValue()
                        + ":\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void dropDatabases() {
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname = '" + LIFELINE_DB
                    + "' OR datname LIKE '" + PROTECTED_DB + "%'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the scenario databases: " + e.getMessage(), e);
        }
    }
}
