package io.lifeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for a probed component (the platform's API, say). Every path
 * answers with the current status and body; {@code PUT /__control/status/<code>} changes them, so
 * a test drives an outage and a recovery over HTTP, whatever class loader it runs in;
 * {@code GET /__control/requests} tells how many probe requests arrived so far.
 */
public final class ProbeTargetServer implements AutoCloseable {

    public static final String CONTROL_PREFIX = "/__control/status/";
    public static final String REQUESTS_PATH = "/__control/requests";

    private final HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> body = new AtomicReference<>("{\"status\":\"ok\"}");
    private final AtomicInteger requests = new AtomicInteger();

    private ProbeTargetServer(HttpServer server) {
        this.server = server;
    }

    public static ProbeTargetServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ProbeTargetServer target = new ProbeTargetServer(server);
            server.createContext("/", target::handle);
            server.start();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(int newStatus) {
        status.set(newStatus);
        body.set(newStatus < 400 ? "{\"status\":\"ok\"}" : "{\"status\":\"failing\"}");
    }

    public int requestCount() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith(CONTROL_PREFIX)) {
            answer(Integer.parseInt(path.substring(CONTROL_PREFIX.length())));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        if (path.equals(REQUESTS_PATH)) {
            byte[] count = String.valueOf(requests.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, count.length);
            exchange.getResponseBody().write(count);
            exchange.close();
            return;
        }
        requests.incrementAndGet();
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status.get(), -1);
        } else {
            exchange.sendResponseHeaders(status.get(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
