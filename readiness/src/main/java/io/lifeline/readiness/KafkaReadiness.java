package io.lifeline.readiness;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready only while the Kafka broker answers, and the answer comes within
 * {@code lifeline.readiness.timeout} whatever the broker does. It replaces Quarkus's own check
 * ({@code quarkus.kafka.health.enabled}), whose admin call has no deadline of its own: with the broker
 * down it waited the client's {@code default.api.timeout.ms} (60 s) before saying so (issue 17).
 * One question is in flight at a time; a check that finds one pending waits for that one.
 */
@Startup // the admin client is made at start, never on the event loop of a health request
@Readiness
@ApplicationScoped
public class KafkaReadiness implements AsyncHealthCheck {

    private final Admin admin;
    private final String bootstrap;
    private final Duration timeout;
    private CompletableFuture<HealthCheckResponse> inFlight;

    public KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "lifeline.readiness.timeout", defaultValue = "500ms") Duration timeout) {
        Map<String, Object> settings = new HashMap<>();
        // The same broker settings as every channel (security included), only those an admin client knows.
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                settings.put(key, value.toString());
            }
        });
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
        this.admin = Admin.create(settings);
        this.bootstrap = String.valueOf(kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // copy(): a check that gives up must not cancel the question another check waits for.
        return Uni.createFrom().completionStage(() -> probe().copy())
                .ifNoItem().after(timeout)
                .recoverWithItem(() -> down("no answer from Kafka within " + timeout.toMillis() + " ms"));
    }

    private synchronized CompletableFuture<HealthCheckResponse> probe() {
        if (inFlight == null || inFlight.isDone()) {
            // The admin call gives up a little before the check does, so that its own reason is the one shown.
            int callTimeout = (int) Math.max(100, timeout.toMillis() - 100);
            inFlight = admin.describeCluster(new DescribeClusterOptions().timeoutMs(callTimeout))
                    .nodes().toCompletionStage().toCompletableFuture()
                    .handle((nodes, failure) -> failure == null ? up(nodes) : down("Kafka not reachable: " + describe(failure)));
        }
        return inFlight;
    }

    private HealthCheckResponse up(Collection<Node> nodes) {
        return HealthCheckResponse.named("kafka").up().withData("bootstrap", bootstrap)
                .withData("nodes", nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",")))
                .build();
    }

    private HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named("kafka").down().withData("bootstrap", bootstrap).withData("reason", reason)
                .build();
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ZERO); // nothing to finish: never hold up the shutdown
    }
}
