package io.lifeline.health.probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.smallrye.mutiny.Uni;

/**
 * Runs one HTTP probe without blocking: a request, its status, an optional body check, a timeout.
 * TLS is the JDK's: an {@code https} URL is verified against the default trust store.
 */
@ApplicationScoped
public class HttpProber implements Prober {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Clock clock;

    @Inject
    public HttpProber(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ProbeType type() {
        return ProbeType.HTTP;
    }

    @Override
    public Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe) {
        URI url = Prober.require(probe.url(), name, "url");
        Instant start = clock.instant();
        return get(url, probe.method(), probe.timeout())
                .map(response -> ProbeOutcome.of(judge(name, probe, response, start)))
                .onFailure().recoverWithItem(failure -> ProbeOutcome.of(new ProbeResult(name, false, null,
                        Failures.elapsed(clock, start), Failures.describe(failure), start)));
    }

    /** What a body-reading probe concludes from a 200 answer. */
    @FunctionalInterface
    interface BodyJudge {
        ProbeOutcome judge(String status, long latencyMillis, Instant start, String body);
    }

    /**
     * GETs the probe's URL for the probes that read a body (Prometheus targets, metrics): anything
     * but a 200, or no answer, is a failed result; a 200 body goes to the judge.
     */
    Uni<ProbeOutcome> readBody(String name, HealthMonitorConfig.Probe probe, BodyJudge judge) {
        URI url = Prober.require(probe.url(), name, "url");
        Instant start = clock.instant();
        return get(url, "GET", probe.timeout())
                .map(response -> {
                    long latency = Failures.elapsed(clock, start);
                    String status = String.valueOf(response.statusCode());
                    if (response.statusCode() != 200) {
                        return ProbeOutcome.of(new ProbeResult(name, false, status, latency,
                                "expected status 200, got " + status, start));
                    }
                    return judge.judge(status, latency, start, response.body());
                })
                .onFailure().recoverWithItem(failure -> ProbeOutcome.of(new ProbeResult(name, false, null,
                        Failures.elapsed(clock, start), Failures.describe(failure), start)));
    }

    /** The raw exchange. */
    Uni<HttpResponse<String>> get(URI url, String method, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", "lifeline-health-monitor")
                .build();
        return Uni.createFrom().completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    private ProbeResult judge(String name, HealthMonitorConfig.Probe probe, HttpResponse<String> response,
            Instant start) {
        long latency = Failures.elapsed(clock, start);
        String status = String.valueOf(response.statusCode());
        if (response.statusCode() != probe.expectedStatus()) {
            return new ProbeResult(name, false, status, latency,
                    "expected status " + probe.expectedStatus() + ", got " + status, start);
        }
        if (probe.bodyContains().isPresent() && !response.body().contains(probe.bodyContains().get())) {
            return new ProbeResult(name, false, status, latency,
                    "body does not contain " + probe.bodyContains().get(), start);
        }
        return new ProbeResult(name, true, status, latency, null, start);
    }
}
