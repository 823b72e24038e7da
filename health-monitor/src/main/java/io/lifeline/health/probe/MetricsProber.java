package io.lifeline.health.probe;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.smallrye.mutiny.Uni;

/**
 * Reads a service's Prometheus metrics ({@code GET /metrics}) and computes the error rate between
 * two runs from a request counter ({@code http_requests_total} by default): the share of requests
 * whose {@code status} (or {@code code}) label is 5xx. Above {@code max-error-rate}, a finding of
 * kind {@code degraded}. A counter that went down (a restart) starts a new baseline.
 */
@ApplicationScoped
public class MetricsProber implements Prober {

    private static final Pattern STATUS = Pattern.compile("(?:status|code|status_code)=\"(\\d{3})\"");

    private final HttpProber http;
    private final Map<String, long[]> previous = new ConcurrentHashMap<>(); // [total, errors]

    public MetricsProber(HttpProber http) {
        this.http = http;
    }

    @Override
    public ProbeType type() {
        return ProbeType.METRICS;
    }

    @Override
    public Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe) {
        return http.readBody(name, probe, (status, latency, start, body) -> judge(name, probe, status, latency, start, body));
    }

    private ProbeOutcome judge(String name, HealthMonitorConfig.Probe probe, String status, long latency,
            Instant start, String body) {
        long total = 0;
        long errors = 0;
        boolean found = false;
        for (String line : body.split("\n")) {
            if (!line.startsWith(probe.metric() + "{") && !line.startsWith(probe.metric() + " ")) {
                continue;
            }
            found = true;
            // metric{labels} value [timestamp]: the value is the first token after the labels.
            int labelsEnd = line.lastIndexOf('}');
            String rest = (labelsEnd >= 0 ? line.substring(labelsEnd + 1) : line.substring(probe.metric().length()))
                    .trim();
            long value = (long) Double.parseDouble(rest.split("\\s+")[0]);
            total += value;
            Matcher m = STATUS.matcher(line);
            if (m.find() && m.group(1).startsWith("5")) {
                errors += value;
            }
        }
        if (!found) {
            return ProbeOutcome.of(new ProbeResult(name, false, status, latency,
                    "no " + probe.metric() + " in the metrics", start));
        }
        long[] before = previous.put(name, new long[] {total, errors});
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("requests", total);
        measurements.put("errors", errors);
        ProbeResult ok = new ProbeResult(name, true, status, latency, null, start);
        if (before == null || total < before[0] || errors < before[1] || total == before[0]) {
            return new ProbeOutcome(ok, null, measurements);
        }
        double rate = (double) (errors - before[1]) / (total - before[0]);
        measurements.put("errorRate", rate);
        ProbeOutcome outcome = new ProbeOutcome(ok, null, measurements);
        if (rate > probe.maxErrorRate()) {
            outcome = outcome.with(new Finding(Finding.DEGRADED, String.format(
                    "error rate %.1f%% over the last %d requests (max %.1f%%)", rate * 100, total - before[0],
                    probe.maxErrorRate() * 100), Map.of("errorRate", rate, "requests", total - before[0],
                            "errors", errors - before[1], "maxErrorRate", probe.maxErrorRate())));
        }
        return outcome;
    }
}
