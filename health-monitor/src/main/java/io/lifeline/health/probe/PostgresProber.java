package io.lifeline.health.probe;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.config.ProbeType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;

/**
 * Connects to a PostgreSQL database (a fresh connection each run, so a refused or hung server shows),
 * runs the configured query and checks its first value. SQLSTATE XX001 (data corrupted) and XX002
 * (index corrupted) are findings of kind {@code database.corruption}, whatever the query; so is a
 * watched row count dropping by more than {@code row-count-drop} from its last good value.
 */
@ApplicationScoped
public class PostgresProber implements Prober {

    /** SQLSTATE class XX: data_corrupted, index_corrupted. */
    public static final Set<String> CORRUPTION_STATES = Set.of("XX001", "XX002");

    private final Vertx vertx;
    private final Clock clock;
    // The last good count per probe: the baseline a drop is measured against (persisted by ProbeService).
    private final Map<String, Long> baselines = new ConcurrentHashMap<>();

    public PostgresProber(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    @Override
    public ProbeType type() {
        return ProbeType.POSTGRES;
    }

    public Long baseline(String name) {
        return baselines.get(name);
    }

    public void restoreBaseline(String name, Long count) {
        if (count != null) {
            baselines.put(name, count);
        }
    }

    @Override
    public Uni<ProbeOutcome> probe(String name, HealthMonitorConfig.Probe probe) {
        URI url = Prober.require(probe.url(), name, "url");
        PgConnectOptions options = PgConnectOptions.fromUri(url.toString().replaceFirst("^postgres:", "postgresql:"));
        probe.password().ifPresent(options::setPassword);
        options.setConnectTimeout((int) probe.timeout().toMillis());
        options.setReconnectAttempts(0);
        Instant start = clock.instant();
        return PgConnection.connect(vertx, options)
                .chain(connection -> connection.query(probe.query()).execute()
                        .eventually(connection::close))
                .ifNoItem().after(probe.timeout()).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no answer within " + probe.timeout().toMillis() + " ms"))
                .map(rows -> judge(name, probe, rows.iterator().hasNext() ? rows.iterator().next() : null, start))
                .onFailure().recoverWithItem(failure -> failed(name, failure, start));
    }

    private ProbeOutcome judge(String name, HealthMonitorConfig.Probe probe, Row row, Instant start) {
        long latency = Failures.elapsed(clock, start);
        Object value = row == null || row.size() == 0 ? null : row.getValue(0);
        String text = value == null ? null : String.valueOf(value);
        Map<String, Object> measurements = new LinkedHashMap<>();
        if (text != null) {
            measurements.put("value", value instanceof Number ? value : text);
        }
        if (probe.expected().isPresent() && !probe.expected().get().equals(text)) {
            return new ProbeOutcome(new ProbeResult(name, false, text, latency,
                    "expected " + probe.expected().get() + ", got " + text, start), null, measurements);
        }
        Long number = value instanceof Number n ? n.longValue() : null;
        if (probe.minValue().isPresent() && (number == null || number < probe.minValue().get())) {
            return new ProbeOutcome(new ProbeResult(name, false, text, latency,
                    "expected at least " + probe.minValue().get() + ", got " + text, start), null, measurements);
        }
        ProbeOutcome outcome = new ProbeOutcome(new ProbeResult(name, true, text == null ? "ok" : text, latency, null,
                start), null, measurements);
        if (probe.rowCountDrop().isPresent() && number != null) {
            Long baseline = baselines.get(name);
            double allowed = probe.rowCountDrop().get();
            if (baseline != null && baseline > 0 && number < baseline * (1 - allowed)) {
                // Keep the baseline: the rows are still missing until they come back (a restore).
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("query", probe.query());
                detail.put("baseline", baseline);
                detail.put("count", number);
                detail.put("allowedDrop", allowed);
                measurements.put("baseline", baseline);
                return new ProbeOutcome(outcome.result(), null, measurements).with(new Finding(
                        Finding.DATABASE_CORRUPTION, String.format("row count dropped from %d to %d (%s)",
                                baseline, number, probe.query()), detail));
            }
            baselines.put(name, number);
            measurements.put("baseline", number);
            return new ProbeOutcome(outcome.result(), null, measurements);
        }
        return outcome;
    }

    private ProbeOutcome failed(String name, Throwable failure, Instant start) {
        long latency = Failures.elapsed(clock, start);
        Throwable cause = failure;
        while (cause != null && !(cause instanceof PgException)) {
            cause = cause.getCause();
        }
        if (cause instanceof PgException pg) {
            String state = pg.getSqlState();
            String error = Failures.truncate("SQLSTATE " + state + ": " + pg.getErrorMessage());
            ProbeOutcome outcome = ProbeOutcome.of(new ProbeResult(name, false, state, latency, error, start));
            if (state != null && CORRUPTION_STATES.contains(state)) {
                return outcome.with(new Finding(Finding.DATABASE_CORRUPTION,
                        (state.equals("XX002") ? "index corrupted: " : "data corrupted: ") + pg.getErrorMessage(),
                        Map.of("sqlState", state, "error", error)));
            }
            return outcome;
        }
        return ProbeOutcome.of(new ProbeResult(name, false, null, latency, Failures.describe(failure), start));
    }
}
