package io.lifeline.health.probe;

import java.net.URI;
import java.time.Clock;
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
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public PrometheusProber(HttpProber http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public ProbeType type() {
        return ProbeType.PROMETHEUS;
    }

    @Override
    public Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe) {
        URI url = Prober.require(probe.url(), name, "url");
        Instant start = clock.instant();
        return http.get(url, "GET", probe.timeout())
                .map(response -> {
                    long latency = Failures.elapsed(clock, start);
                    String status = String.valueOf(response.statusCode());
                    if (response.statusCode() != 200) {
                        return ProbeOutcome.of(new ProbeResult(name, false, status, latency,
                                "expected status 200, got " + status, start));
                    }
                    return judge(name, status, latency, start, response.body());
                })
                .onFailure().recoverWithItem(failure -> ProbeOutcome.of(new ProbeResult(name, false, null,
                        Failures.elapsed(clock, start), Failures.describe(failure), start)));
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
