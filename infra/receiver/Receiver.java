import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local run's stand-in for PagerDuty, Slack and the ticket system: it answers as they document
 * (PagerDuty Events API v2: 202 with the dedup key, 400 for an invalid event; Slack incoming webhook:
 * 200 "ok", 400 "invalid_payload"; tickets: 201), prints one line per request, and keeps every
 * request as a JSON line in a file that {@code GET /received} returns, so that an operator (or the
 * scenario tests) can see exactly what Lifeline sent.
 *
 * <p>Run with the JDK alone ({@code java Receiver.java PORT FILE}): no build, no dependency.
 */
public final class Receiver {

    private static final Pattern ROUTING_KEY = Pattern.compile("\"routing_key\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ACTION = Pattern.compile("\"event_action\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern DEDUP_KEY = Pattern.compile("\"dedup_key\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern SUMMARY = Pattern.compile("\"summary\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TEXT = Pattern.compile("\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path file;

    private Receiver(Path file) {
        this.file = file;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java Receiver.java PORT FILE");
            System.exit(2);
        }
        Receiver receiver = new Receiver(Path.of(args[1]));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 50);
        server.createContext("/pagerduty/v2/enqueue", receiver::pagerDuty);
        server.createContext("/slack/", receiver::slack);
        server.createContext("/tickets", receiver::ticket);
        server.createContext("/received", receiver::received);
        server.createContext("/health", ex -> answer(ex, 200, "text/plain", "ok"));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("receiver listening on http://127.0.0.1:" + args[0] + ", requests kept in " + args[1]);
    }

    private void pagerDuty(HttpExchange ex) throws IOException {
        if (!post(ex)) {
            return;
        }
        String body = body(ex);
        List<String> errors = new ArrayList<>();
        String key = first(ROUTING_KEY, body);
        String action = first(ACTION, body);
        if (key == null || key.length() != 32) {
            errors.add("'routing_key' must be a 32-character integration key");
        }
        if (action == null || !List.of("trigger", "acknowledge", "resolve").contains(action)) {
            errors.add("'event_action' must be trigger, acknowledge or resolve");
        }
        if ("trigger".equals(action) && (first(SUMMARY, body) == null || !body.contains("\"severity\"")
                || !body.contains("\"source\""))) {
            errors.add("a trigger needs payload.summary, payload.source and payload.severity");
        }
        if (!"trigger".equals(action) && first(DEDUP_KEY, body) == null) {
            errors.add("'dedup_key' is required for " + action);
        }
        if (!errors.isEmpty()) {
            keep("pagerduty", ex, body, 400);
            answer(ex, 400, "application/json", "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                    + "\"errors\":[\"" + String.join("\",\"", errors) + "\"]}");
            return;
        }
        String dedup = first(DEDUP_KEY, body);
        keep("pagerduty", ex, body, 202);
        System.out.printf("PAGERDUTY %s %s: %s%n", action, dedup, first(SUMMARY, body));
        answer(ex, 202, "application/json",
                "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + dedup + "\"}");
    }

    private void slack(HttpExchange ex) throws IOException {
        if (!post(ex)) {
            return;
        }
        String body = body(ex);
        String channel = ex.getRequestURI().getPath().substring("/slack/".length());
        if (!body.contains("\"text\"") && !body.contains("\"blocks\"")) {
            keep("slack", ex, body, 400);
            answer(ex, 400, "text/plain", "invalid_payload");
            return;
        }
        keep("slack", ex, body, 200);
        System.out.printf("SLACK #%s: %s%n", channel, first(TEXT, body));
        answer(ex, 200, "text/plain", "ok");
    }

    private void ticket(HttpExchange ex) throws IOException {
        if (!post(ex)) {
            return;
        }
        String body = body(ex);
        keep("ticket", ex, body, 201);
        System.out.printf("TICKET: %s%n", body.length() > 200 ? body.substring(0, 200) + "..." : body);
        answer(ex, 201, "application/json", "{\"status\":\"created\"}");
    }

    private void received(HttpExchange ex) throws IOException {
        String lines;
        synchronized (this) {
            lines = Files.exists(file) ? Files.readString(file) : "";
        }
        answer(ex, 200, "application/x-ndjson", lines);
    }

    private synchronized void keep(String service, HttpExchange ex, String body, int status) throws IOException {
        String line = "{\"at\":\"" + Instant.now() + "\",\"service\":\"" + service + "\",\"path\":\""
                + ex.getRequestURI().getPath() + "\",\"status\":" + status + ",\"body\":" + asJson(body) + "}\n";
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The body as received when it is a JSON object, else as a JSON string. */
    private static String asJson(String body) {
        String trimmed = body.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}") && !trimmed.contains("\n")) {
            return trimmed;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : body.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static boolean post(HttpExchange ex) throws IOException {
        if ("POST".equals(ex.getRequestMethod())) {
            return true;
        }
        answer(ex, 405, "text/plain", "POST only");
        return false;
    }

    private static String body(HttpExchange ex) throws IOException {
        return new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String first(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
