package io.lifeline.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.testsupport.KafkaBroker;
import io.lifeline.testsupport.PackagedService;
import io.lifeline.testsupport.TestDatabase;

/**
 * The packaged restore-service as a real process (issue 17): SIGTERM stops it within 10 s, with the broker up
 * and with the broker gone; {@code /q/health/ready} and {@code /q/health/live} answer within 1 s while
 * Lifeline's PostgreSQL hangs (a loopback link to the real server that stops passing bytes) and after
 * the broker is shut down, {@code ready} DOWN with the reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthAndShutdownIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration ANSWER = Duration.ofSeconds(1);
    private static final Duration STOP = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(ANSWER).build();

    private static KafkaBroker kafka;
    private static boolean kafkaUp;
    private static TestDatabase database;
    private static DatabaseLink link;
    private static Service faulted;
    private static final List<PackagedService> services = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void servers() throws IOException {
        kafka = KafkaBroker.start();
        kafkaUp = true;
        database = TestDatabase.create("restore_service_stop_it");
        link = DatabaseLink.to(database.host(), database.port());
    }

    @AfterAll
    static void stop() {
        services.forEach(PackagedService::close);
        if (link != null) {
            link.close();
        }
        if (database != null) {
            database.close();
        }
        stopKafka();
    }

    @Test
    @Order(1)
    void sigtermStopsItWithinTenSecondsWithEverythingUp() throws Exception {
        Service service = Service.start("up");
        assertThat(get(service, "/q/health/ready").statusCode()).isEqualTo(200);
        service.sigterm();
        service.awaitExit();
    }

    @Test
    @Order(2)
    void healthAnswersWithinASecondWhileTheDatabaseHangsAndAfterTheBrokerIsGone() throws Exception {
        faulted = Service.start("faults");

        link.freeze();
        HttpResponse<String> hung = get(faulted, "/q/health/ready");
        assertThat(hung.statusCode()).isEqualTo(503);
        assertThat(check(hung, "database").path("status").asText()).isEqualTo("DOWN");
        assertThat(check(hung, "database").path("data").path("reason").asText()).contains("PostgreSQL");
        assertThat(get(faulted, "/q/health/live").statusCode()).isEqualTo(200);
        link.thaw();
        await().atMost(Duration.ofSeconds(20)).until(() -> get(faulted, "/q/health/ready").statusCode() == 200);

        stopKafka();
        HttpResponse<String> noBroker = get(faulted, "/q/health/ready");
        assertThat(noBroker.statusCode()).isEqualTo(503);
        assertThat(check(noBroker, "kafka").path("status").asText()).isEqualTo("DOWN");
        assertThat(check(noBroker, "kafka").path("data").path("reason").asText()).contains("Kafka");
        assertThat(get(faulted, "/q/health/live").statusCode()).isEqualTo(200);
        // And it stays so: every answer within the second, however long the broker stays away.
        for (int i = 0; i < 3; i++) {
            assertThat(get(faulted, "/q/health/ready").statusCode()).isEqualTo(503);
        }
    }

    @Test
    @Order(3)
    void sigtermStopsItWithinTenSecondsWithTheBrokerGone() throws Exception {
        Service service = faulted != null ? faulted : Service.start("faults");
        stopKafka();
        service.sigterm();
        service.awaitExit();
    }

    private static void stopKafka() {
        if (kafkaUp) {
            kafkaUp = false;
            kafka.close(); // its port is closed when this returns
        }
    }

    /** GET with a 1 s deadline: a slower answer fails the test (HttpTimeoutException). */
    private static HttpResponse<String> get(Service service, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.packaged().baseUrl() + path)).timeout(ANSWER)
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER);
        return response;
    }

    private static JsonNode check(HttpResponse<String> response, String name) throws IOException {
        for (JsonNode c : JSON.readTree(response.body()).path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check named " + name + " in " + response.body());
    }

    /** The packaged service and its OS process (for SIGTERM, which PackagedService does not send). */
    private record Service(PackagedService packaged, ProcessHandle process, String log) {

        static Service start(String name) throws IOException {
            Map<String, String> env = new HashMap<>();
            env.put("LIFELINE_DB_URL", "postgresql://127.0.0.1:" + link.port() + "/" + database.name());
            Set<Long> before = children();
            String fullName = "restore-service-stop-it-" + name;
            PackagedService packaged = PackagedService.start(fullName, kafka, database, env, START);
            services.add(packaged);
            List<ProcessHandle> started = ProcessHandle.current().children().filter(p -> !before.contains(p.pid()))
                    .toList();
            assertThat(started).hasSize(1);
            return new Service(packaged, started.get(0), "target/" + fullName + ".log");
        }

        private static Set<Long> children() {
            return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        }

        /** {@link ProcessHandle#destroy()} is SIGTERM on Linux: the shutdown hooks run. */
        void sigterm() {
            assertThat(process.destroy()).isTrue();
        }

        void awaitExit() {
            long sent = System.nanoTime();
            await("exit within " + STOP.toSeconds() + " s of SIGTERM (log: " + log + ")")
                    .atMost(STOP).pollInterval(Duration.ofMillis(100)).until(() -> !process.isAlive());
            System.out.printf("%s exited %d ms after SIGTERM%n", log, (System.nanoTime() - sent) / 1_000_000);
        }
    }

    /**
     * A loopback TCP link to the real PostgreSQL server that can stop passing bytes while keeping
     * every connection open and accepting new ones: to the service, a server that hangs.
     */
    static final class DatabaseLink implements AutoCloseable {

        private final ServerSocket server;
        private final String host;
        private final int targetPort;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final Object gate = new Object();
        private boolean frozen;

        private DatabaseLink(ServerSocket server, String host, int targetPort) {
            this.server = server;
            this.host = host;
            this.targetPort = targetPort;
        }

        static DatabaseLink to(String host, int port) throws IOException {
            DatabaseLink link = new DatabaseLink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), host, port);
            Thread acceptor = new Thread(link::accept, "db-link-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return link;
        }

        int port() {
            return server.getLocalPort();
        }

        void freeze() {
            synchronized (gate) {
                frozen = true;
            }
        }

        void thaw() {
            synchronized (gate) {
                frozen = false;
                gate.notifyAll();
            }
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(host, targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed, or the server refused one connection: the next accept goes on
                }
            }
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        synchronized (gate) {
                            while (frozen) {
                                gate.wait();
                            }
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // one side closed: close the other
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "db-link-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            thaw();
            closeQuietly(server);
            sockets.forEach(DatabaseLink::closeQuietly);
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already closed
            }
        }
    }
}
