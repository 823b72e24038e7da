package io.lifeline.readiness;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready only while Lifeline's own PostgreSQL answers {@code SELECT 1}, and the answer comes within
 * {@code lifeline.readiness.timeout}. It replaces Quarkus's datasource check
 * ({@code quarkus.datasource.health.enabled}): against a server that accepts connections and then
 * says nothing (stopped, or cut off), it waited the pool's acquisition timeout or, on a connection
 * already open, without end (issue 17). JDBC blocks, so the query runs on a thread of its own, one
 * at a time: a hung server holds that one thread, never the health requests.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    private final DataSource dataSource;
    private final Duration timeout;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "database-readiness");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<HealthCheckResponse> inFlight;

    public DatabaseReadiness(DataSource dataSource,
            @ConfigProperty(name = "lifeline.readiness.timeout", defaultValue = "500ms") Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // copy(): a check that gives up must not cancel the query another check waits for.
        return Uni.createFrom().completionStage(() -> probe().copy())
                .ifNoItem().after(timeout)
                .recoverWithItem(() -> down("no answer from PostgreSQL within " + timeout.toMillis() + " ms"));
    }

    private synchronized CompletableFuture<HealthCheckResponse> probe() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(this::query, prober);
        }
        return inFlight;
    }

    private HealthCheckResponse query() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
            return HealthCheckResponse.named("database").up().build();
        } catch (SQLException | RuntimeException e) {
            // The driver's message names host, port and the problem, never the password.
            return down("PostgreSQL not reachable: " + e.getMessage());
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named("database").down().withData("reason", reason).build();
    }

    @PreDestroy
    void close() {
        prober.shutdownNow();
    }
}
