package io.lifeline.health.probe;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.smallrye.mutiny.Uni;

/**
 * Redis over its own protocol (RESP), no client library: {@code AUTH} when a password is set,
 * {@code PING} must answer {@code PONG}, {@code INFO memory} gives the memory used.
 */
@ApplicationScoped
public class RedisProber implements Prober {

    private final Clock clock;

    public RedisProber(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ProbeType type() {
        return ProbeType.REDIS;
    }

    @Override
    public Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe) {
        URI url = Prober.require(probe.url(), name, "url");
        Instant start = clock.instant();
        return BlockingProbe.run(() -> ping(name, probe, url, start), probe.timeout())
                .onFailure().recoverWithItem(failure -> ProbeOutcome.of(new ProbeResult(name, false, null,
                        Failures.elapsed(clock, start), Failures.describe(failure), start)));
    }

    private ProbeOutcome ping(String name, HealthMonitorConfig.Probe probe, URI url, Instant start) throws IOException {
        int timeout = (int) probe.timeout().toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort()), timeout);
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (probe.password().isPresent()) {
                out.write(command("AUTH", probe.password().get()));
                String auth = reply(in);
                if (!"OK".equals(auth)) {
                    return failed(name, start, "AUTH refused: " + auth);
                }
            }
            out.write(command("PING"));
            String pong = reply(in);
            if (!"PONG".equals(pong)) {
                return failed(name, start, "PING answered " + pong);
            }
            out.write(command("INFO", "memory"));
            Long used = usedMemory(reply(in));
            Map<String, Object> measurements = new LinkedHashMap<>();
            ProbeResult result = new ProbeResult(name, true, "PONG", Failures.elapsed(clock, start), null, start);
            ProbeOutcome outcome = new ProbeOutcome(result, null, measurements);
            if (used != null) {
                measurements.put("usedMemoryBytes", used);
                outcome = new ProbeOutcome(result, null, measurements);
                if (probe.maxMemoryBytes().isPresent() && used > probe.maxMemoryBytes().get()) {
                    outcome = outcome.with(new Finding(Finding.DEGRADED, "memory used " + used + " bytes, above "
                            + probe.maxMemoryBytes().get(), Map.of("usedMemoryBytes", used,
                                    "maxMemoryBytes", probe.maxMemoryBytes().get())));
                }
            }
            return outcome;
        }
    }

    private ProbeOutcome failed(String name, Instant start, String error) {
        return ProbeOutcome.of(new ProbeResult(name, false, null, Failures.elapsed(clock, start),
                Failures.truncate(error), start));
    }

    private static byte[] command(String... parts) {
        StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            resp.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One reply: simple string, error (prefixed "ERR "), integer or bulk string, as text. */
    private static String reply(InputStream in) throws IOException {
        String line = line(in);
        if (line.isEmpty()) {
            throw new IOException("empty reply");
        }
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+', ':':
                return rest;
            case '-':
                return "ERR " + rest;
            case '$': {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            default:
                throw new IOException("unexpected reply type " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return line.toString();
            }
            line.append((char) c);
        }
        throw new IOException("connection closed");
    }

    private static Long usedMemory(String info) {
        if (info == null) {
            return null;
        }
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        return null;
    }
}
