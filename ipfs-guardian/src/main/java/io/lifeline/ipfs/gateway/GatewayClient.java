package io.lifeline.ipfs.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

import io.lifeline.ipfs.cid.Cid;
import io.lifeline.ipfs.config.GuardianConfig;
import io.lifeline.ipfs.gateway.GatewayOutcome.Kind;

/**
 * One IPFS path gateway, asked the cheap way first ({@code HEAD} with {@code only-if-cached}),
 * then for the raw block ({@code ?format=raw}), whose bytes must hash to the CID: a gateway is
 * never trusted, only checked. Rate-limited and guarded by its {@link GatewayHealth}.
 */
public class GatewayClient {

    static final String RAW = "application/vnd.ipld.raw";
    static final String CAR = "application/vnd.ipld.car";

    private final String name;
    private final String baseUrl;
    private final GuardianConfig.Gateway config;
    private final HttpClient http;
    private final GatewayHealth health;
    private final RateLimiter rate;

    public GatewayClient(String name, GuardianConfig.Gateway config, HttpClient http, GatewayHealth health) {
        this.name = name;
        this.baseUrl = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        this.config = config;
        this.http = http;
        this.health = health;
        this.rate = new RateLimiter(config.ratePerSecond());
    }

    public String name() {
        return name;
    }

    public GatewayHealth health() {
        return health;
    }

    /** One try: HEAD only-if-cached, then the bounded raw fetch, verified. */
    public Attempt check(Cid cid) {
        if (!health.allowRequest()) {
            return new Attempt(new GatewayOutcome(name, Kind.SKIPPED, 0, "circuit open", null), Optional.empty());
        }
        rate.acquire();
        long start = System.nanoTime();
        HttpRequest head = HttpRequest.newBuilder(uri(cid)).timeout(config.timeout())
                .header("Cache-Control", "only-if-cached").header("Accept", RAW)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<Void> answer = http.send(head, HttpResponse.BodyHandlers.discarding());
            int status = answer.statusCode();
            // 412: not cached there. The gateway may still fetch it from the network, so ask for it.
            if (status != 200 && status != 412) {
                return classify(status, answer.headers().firstValue("Retry-After"), start);
            }
        } catch (HttpTimeoutException e) {
            health.failure();
            return transientAttempt(0, "timed out after " + config.timeout().toMillis() + " ms", Optional.empty());
        } catch (IOException e) {
            health.failure();
            return transientAttempt(0, "unreachable: " + e.getClass().getSimpleName(), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return transientAttempt(0, "interrupted", Optional.empty());
        }
        rate.acquire();
        return fetch(cid);
    }

    /** The raw block, verified against the CID. */
    public Attempt fetch(Cid cid) {
        long start = System.nanoTime();
        HttpRequest get = HttpRequest.newBuilder(uri(cid)).timeout(config.timeout()).header("Accept", RAW).GET().build();
        try {
            HttpResponse<InputStream> answer = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = answer.body()) {
                if (answer.statusCode() != 200) {
                    return classify(answer.statusCode(), answer.headers().firstValue("Retry-After"), start);
                }
                Duration ttfb = Duration.ofNanos(System.nanoTime() - start);
                // The body too must arrive within the timeout: a gateway trickling bytes is closed on.
                java.util.concurrent.CompletableFuture<Void> guard = java.util.concurrent.CompletableFuture.runAsync(
                        () -> closeQuietly(in), java.util.concurrent.CompletableFuture.delayedExecutor(
                                config.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
                byte[] block;
                try {
                    block = in.readNBytes(config.maxBlockBytes() + 1);
                } finally {
                    guard.cancel(false);
                }
                if (block.length > config.maxBlockBytes()) {
                    health.failure();
                    return new Attempt(new GatewayOutcome(name, Kind.BAD_BYTES, 200,
                            "block larger than " + config.maxBlockBytes() + " bytes", null), Optional.empty());
                }
                if (!cid.matches(block)) {
                    health.failure();
                    return new Attempt(new GatewayOutcome(name, Kind.BAD_BYTES, 200,
                            "bytes do not hash to the CID", null), Optional.empty());
                }
                health.success(ttfb);
                return new Attempt(new GatewayOutcome(name, Kind.VERIFIED, 200, null, block), Optional.empty());
            }
        } catch (HttpTimeoutException e) {
            health.failure();
            return transientAttempt(0, "timed out after " + config.timeout().toMillis() + " ms", Optional.empty());
        } catch (IOException e) {
            health.failure();
            return transientAttempt(0, "unreachable: " + e.getClass().getSimpleName(), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return transientAttempt(0, "interrupted", Optional.empty());
        }
    }

    /**
     * The whole DAG under {@code cid} in verifiable form (the trustless gateway's CAR), at most
     * {@code maxBytes}; empty when this gateway gives none (not supported, not found, too large, slow).
     * The caller verifies every block before anything is imported.
     */
    public Optional<byte[]> fetchCar(Cid cid, int maxBytes) {
        URI car = URI.create(baseUrl + "/ipfs/" + cid + "?format=car&dag-scope=all");
        HttpRequest get = HttpRequest.newBuilder(car).timeout(config.timeout()).header("Accept", CAR).GET().build();
        try {
            rate.acquire();
            HttpResponse<InputStream> answer = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = answer.body()) {
                boolean isCar = answer.headers().firstValue("Content-Type").orElse("").startsWith(CAR);
                if (answer.statusCode() != 200 || !isCar) {
                    return Optional.empty();
                }
                // A whole DAG may take longer than one block: a few timeouts, then the read is cut.
                java.util.concurrent.CompletableFuture<Void> guard = java.util.concurrent.CompletableFuture.runAsync(
                        () -> closeQuietly(in), java.util.concurrent.CompletableFuture.delayedExecutor(
                                config.timeout().toMillis() * 6, java.util.concurrent.TimeUnit.MILLISECONDS));
                try {
                    byte[] bytes = in.readNBytes(maxBytes + 1);
                    return bytes.length > maxBytes ? Optional.empty() : Optional.of(bytes);
                } finally {
                    guard.cancel(false);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing to stop a slow read; nothing to report
        }
    }

    private Attempt classify(int status, Optional<String> retryAfter, long start) {
        if (status == 404 || status == 410 || status == 451 || status == 412) {
            // A definite "not here" is a working gateway.
            health.success(Duration.ofNanos(System.nanoTime() - start));
            return new Attempt(new GatewayOutcome(name, Kind.ABSENT, status, null, null), Optional.empty());
        }
        health.failure();
        return transientAttempt(status, null, retryAfter.flatMap(GatewayClient::seconds));
    }

    private Attempt transientAttempt(int status, String detail, Optional<Duration> retryAfter) {
        return new Attempt(new GatewayOutcome(name, Kind.TRANSIENT, status, detail, null), retryAfter);
    }

    private URI uri(Cid cid) {
        return URI.create(baseUrl + "/ipfs/" + cid + "?format=raw");
    }

    /** Retry-After in seconds (the HTTP-date form is treated as absent: the default back-off applies). */
    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** An outcome and, for a 429 or 503, how long the gateway asked us to wait. */
    public record Attempt(GatewayOutcome outcome, Optional<Duration> retryAfter) {
    }
}
