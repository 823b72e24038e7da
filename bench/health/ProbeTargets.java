import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The probed components of bench/health/run: one HTTP server on loopback where every path answers
 * 200 {"status":"ok"}, except the components made to fail, whose paths answer 503. Any probe's path
 * fails or recovers on command:
 *
 *   GET  /<component>/health           what the monitor probes (200, or 503 while failing)
 *   POST /__control/fail/<component>   from now on /<component>/... answers 503; the body is the epoch
 *                                      millisecond of the switch (the start of the outage)
 *   POST /__control/ok/<component>     answers 200 again; the body is the epoch millisecond of the switch
 *   POST /__control/reset              every component answers 200
 *   GET  /__control/requests           probe requests served so far
 *   GET  /__control/failures/<component>  epoch milliseconds of every 503 answered to the component's
 *                                      probes since its last fail command, comma-separated
 *
 * Usage: java ProbeTargets.java PORT
 */
public final class ProbeTargets {

    private static final String CONTROL = "/__control/";
    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FAILING = "{\"status\":\"failing\"}".getBytes(StandardCharsets.UTF_8);

    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, List<Long>> failures = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        ProbeTargets targets = new ProbeTargets();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.createContext("/", targets::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("probe targets listening on http://127.0.0.1:" + port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith(CONTROL)) {
                control(exchange, path.substring(CONTROL.length()));
                return;
            }
            requests.incrementAndGet();
            String component = path.length() > 1 ? path.substring(1).split("/", 2)[0] : "";
            boolean down = failing.contains(component);
            if (down) {
                failures.computeIfAbsent(component, c -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
            }
            byte[] body = down ? FAILING : OK;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(down ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void control(HttpExchange exchange, String command) throws IOException {
        String answer;
        int status = 200;
        if (command.startsWith("fail/")) {
            String component = command.substring("fail/".length());
            failures.put(component, new CopyOnWriteArrayList<>());
            failing.add(component);
            answer = String.valueOf(System.currentTimeMillis());
        } else if (command.startsWith("ok/")) {
            failing.remove(command.substring("ok/".length()));
            answer = String.valueOf(System.currentTimeMillis());
        } else if (command.equals("reset")) {
            failing.clear();
            answer = String.valueOf(System.currentTimeMillis());
        } else if (command.startsWith("failures/")) {
            answer = failures.getOrDefault(command.substring("failures/".length()), List.of()).stream()
                    .map(String::valueOf).collect(Collectors.joining(","));
        } else if (command.equals("requests")) {
            answer = String.valueOf(requests.get());
        } else {
            status = 404;
            answer = "unknown control " + command;
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
