package io.lifeline.bench.events;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.lifeline.bench.LifelineBenchmark;
import io.lifeline.events.EventCodec;
import io.lifeline.events.EventJson;
import io.lifeline.events.EventTypes;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.ProbeResult;

/**
 * What schema validation costs a consumer: {@code EventCodec.decode} (parse, validate against the
 * topic's JSON Schema, map to the record) against plain Jackson mapping of the same JSON to the
 * same record. One realistic {@code health.degraded} payload with five probe results.
 */
@LifelineBenchmark(name = "event-codec",
        description = "Schema-validated decoding of a health.degraded event (EventCodec.decode) "
                + "against plain Jackson mapping of the same JSON to the same record.",
        metric = "avg time per validated decode",
        measured = "validatedDecode",
        baseline = "plainJacksonDecode",
        baselineName = "plain Jackson mapping")
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Sized for 2-core machines: one fork (a fresh JVM, fixed heap), short but warmed iterations.
// The schema validator logs through SLF4J with no binding here: silence SLF4J's own warning.
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dslf4j.internal.verbosity=ERROR"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventCodecBenchmark {

    private String json;

    @Setup
    public void encodeSample() throws IOException {
        json = EventCodec.encode(sample());
        // Both paths must do the same work to the same result, or the ratio means nothing.
        HealthDegraded validated = EventCodec.decode(EventTypes.HEALTH_DEGRADED, json);
        HealthDegraded plain = EventJson.mapper().readValue(json, HealthDegraded.class);
        if (!validated.equals(plain) || !validated.equals(sample())) {
            throw new IllegalStateException("the two decoders disagree on the sample: " + json);
        }
    }

    @Benchmark
    public HealthDegraded validatedDecode() {
        return EventCodec.decode(EventTypes.HEALTH_DEGRADED, json);
    }

    @Benchmark
    public HealthDegraded plainJacksonDecode() throws IOException {
        return EventJson.mapper().readValue(json, HealthDegraded.class);
    }

    static HealthDegraded sample() {
        Instant since = Instant.parse("2026-03-14T02:59:10Z");
        List<ProbeResult> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(new ProbeResult("api-http", false, i % 2 == 0 ? "503" : null, 2000 + 17L * i,
                    i % 2 == 0 ? "GET /health answered 503" : "connect timed out after 2000 ms",
                    since.plusSeconds(30L * i)));
        }
        return new HealthDegraded("api", "api-http", since, results.size(), results);
    }
}
