package io.lifeline.health.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.smallrye.mutiny.Uni;

/**
 * Prometheus itself answers {@code GET /api/v1/targets}, and every active target is {@code up}.
 * Prometheus unreachable is the component down; targets down are a finding (kind {@code degraded})
 * naming them, since Prometheus is then up but blind.
 */
@ApplicationScoped
public class PrometheusProber implements Prober {

    private final HttpProber http;
    private final ObjectMapper json = new ObjectMapper();

    public PrometheusProber(HttpProber http) {
        this.http = http;
    }

    @Override
    public ProbeType type() {
        return ProbeType.PROMETHEUS;
    }

    @Override
    public Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe) {
        return http.readBody(name, probe, (status, latency, start, body) -> judge(name, status, latency, start, body));
    }

    private ProbeOutcome judge(String name, String status, long latency, Instant start, String body) {
        JsonNode targets;
        try {
            targets = json.readTree(body).path("data").path("activeTargets");
        } catch (Exception e) {
            return ProbeOutcome.of(new ProbeResult(name, false, status, latency, "answer is not JSON", start));
        }
        if (!targets.isArray()) {
            return ProbeOutcome.of(new ProbeResult(name, false, status, latency,
                    "answer has no data.activeTargets", start));
        }
        List<String> down = new ArrayList<>();
        for (JsonNode target : targets) {
            if (!"up".equals(target.path("health").asText())) {
                String id = target.path("labels").path("job").asText("?") + "/"
                        + target.path("labels").path("instance").asText("?");
                String error = target.path("lastError").asText("");
                down.add(error.isBlank() ? id : id + " (" + Failures.truncate(error) + ")");
            }
        }
        Map<String, Object> measurements = new LinkedHashMap<>();
        measurements.put("targets", targets.size());
        measurements.put("targetsDown", down.size());
        ProbeOutcome outcome = new ProbeOutcome(new ProbeResult(name, true, status, latency, null, start), null,
                measurements);
        if (!down.isEmpty()) {
            outcome = outcome.with(new Finding(Finding.DEGRADED, down.size() + " of " + targets.size()
                    + " Prometheus targets down: " + String.join(", ", down),
                    Map.of("targetsDown", List.copyOf(down), "targets", targets.size())));
        }
        return outcome;
    }
}
