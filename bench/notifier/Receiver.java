import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * bench/notifier's stand-in for PagerDuty and Slack: answers at once (PagerDuty 202 with the
 * documented body, Slack 200 ok, the baseline 200) and writes one line per request that counts,
 * {@code kind <TAB> key <TAB> received epoch microseconds}: {@code page} for a PagerDuty trigger
 * (key = dedup_key = incident id), {@code baseline} for the bare relay (key = the path's last part).
 * {@code GET /__count/<kind>} says how many have arrived.
 *
 *   java Receiver.java PORT OUT_FILE
 */
public final class Receiver {

    private static final Pattern DEDUP = Pattern.compile("\"dedup_key\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACTION = Pattern.compile("\"event_action\"\\s*:\\s*\"([a-z]+)\"");
    private static final ConcurrentHashMap<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    private static BufferedWriter out;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", Receiver::handle);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            record(null, null, 0);
        }));
        System.out.println("receiver listening on 127.0.0.1:" + port);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        long micros = micros(Instant.now());
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.startsWith("/__count/")) {
            AtomicInteger n = COUNTS.get(path.substring("/__count/".length()));
            answer(exchange, 200, String.valueOf(n == null ? 0 : n.get()));
            return;
        }
        if (path.startsWith("/v2/enqueue")) {
            String json = new String(body, StandardCharsets.UTF_8);
            String key = find(DEDUP, json);
            if ("trigger".equals(find(ACTION, json)) && key != null) {
                record("page", key, micros);
            }
            answer(exchange, 202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\""
                    + (key == null ? "generated" : key) + "\"}");
            return;
        }
        if (path.startsWith("/baseline/")) {
            record("baseline", path.substring("/baseline/".length()), micros);
        }
        answer(exchange, 200, "ok");
    }

    private static synchronized void record(String kind, String key, long micros) {
        try {
            if (kind != null) {
                out.write(kind + "\t" + key + "\t" + micros + "\n");
                COUNTS.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            }
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 202 ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }
}
