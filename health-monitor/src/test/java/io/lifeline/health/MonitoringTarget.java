package io.lifeline.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server speaking Prometheus's {@code GET /api/v1/targets} and a service's {@code GET /metrics}
 * (text exposition format). Each scrape of {@code /metrics} counts 100 more requests, of which the
 * current error share are 5xx. Tests steer it over HTTP: {@code PUT /__control/target-down/<bool>},
 * {@code PUT /__control/error-percent/<n>}.
 */
public class MonitoringTarget implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;
    private final AtomicBoolean targetDown = new AtomicBoolean();
    private final AtomicInteger errorPercent = new AtomicInteger();
    private final AtomicLong ok = new AtomicLong(1000);
    private final AtomicLong errors = new AtomicLong(3);

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "lifeline.health.probes.prometheus.url", base + "/api/v1/targets",
                "lifeline.health.probes.api-metrics.url", base + "/metrics",
                "lifeline.test.monitoring-target", base);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        if (path.startsWith("/__control/target-down/")) {
            targetDown.set(Boolean.parseBoolean(path.substring("/__control/target-down/".length())));
            body = "";
            status = 204;
        } else if (path.startsWith("/__control/error-percent/")) {
            errorPercent.set(Integer.parseInt(path.substring("/__control/error-percent/".length())));
            body = "";
            status = 204;
        } else if (path.equals("/api/v1/targets")) {
            body = "{\"status\":\"success\",\"data\":{\"activeTargets\":["
                    + "{\"labels\":{\"job\":\"prometheus\",\"instance\":\"localhost:9090\"},\"health\":\"up\","
                    + "\"lastError\":\"\"},"
                    + "{\"labels\":{\"job\":\"api\",\"instance\":\"api:3100\"},\"health\":\""
                    + (targetDown.get() ? "down" : "up") + "\",\"lastError\":\""
                    + (targetDown.get() ? "connection refused" : "") + "\"}],\"droppedTargets\":[]}}";
        } else if (path.equals("/metrics")) {
            int share = errorPercent.get();
            errors.addAndGet(share);
            ok.addAndGet(100 - share);
            body = "# HELP http_requests_total Requests served\n# TYPE http_requests_total counter\n"
                    + "http_requests_total{method=\"GET\",route=\"/songs\",status=\"200\"} " + ok.get() + "\n"
                    + "http_requests_total{method=\"GET\",route=\"/songs\",status=\"503\"} " + errors.get() + "\n"
                    + "process_cpu_seconds_total 12.5\n";
        } else {
            body = "not found";
            status = 404;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
