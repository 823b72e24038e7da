package io.lifeline.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

import io.lifeline.testsupport.FreePorts;

/**
 * The platform's API server (PROTECTED_SYSTEM.md: {@code GET /health} on :3100) as health-monitor probes
 * it: a real HTTP server on a fixed port that a scenario can kill and bring back, as the plan's
 * "API server failure" happens — the port stops answering, then answers again.
 */
final class PlatformApi implements AutoCloseable {

    private final int port = FreePorts.next();
    private HttpServer server;

    String healthUrl() {
        return "http://127.0.0.1:" + port + "/health";
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"ok\",\"database\":\"connected\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** The process dies: the port refuses connections. */
    synchronized void kill() {
        server.stop(0);
        server = null;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            kill();
        }
    }
}
