package io.lifeline.health.probe;

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
import io.smallrye.mutiny.Uni;

/** Runs one HTTP probe without blocking: a request, its status, an optional body check, a timeout. */
@ApplicationScoped
public class HttpProber {

    private static final int MAX_ERROR_LENGTH = 300;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Clock clock;

    @Inject
    public HttpProber(Clock clock) {
        this.clock = clock;
    }

    public Uni<ProbeResult> probe(String name, HealthMonitorConfig.HttpProbe probe) {
        Instant start = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(probe.url())
                .timeout(probe.timeout())
                .method(probe.method(), HttpRequest.BodyPublishers.noBody())
                .header("User-Agent", "lifeline-health-monitor")
                .build();
        return Uni.createFrom().completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> judge(name, probe, response, start))
                .onFailure().recoverWithItem(failure -> new ProbeResult(name, false, null, elapsed(start),
                        describe(failure), start));
    }

    private ProbeResult judge(String name, HealthMonitorConfig.HttpProbe probe, HttpResponse<String> response,
            Instant start) {
        long latency = elapsed(start);
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

    private long elapsed(Instant start) {
        return Duration.between(start, clock.instant()).toMillis();
    }

    // Exceptions from the HTTP client often carry no message (a refused connection, say): name the type.
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
