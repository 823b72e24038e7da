package io.lifeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/** Checks the catalog without running any benchmark: names resolve and point at real @Benchmark methods. */
class BenchRunnerTest {

    @Test
    void everyNamedBenchmarkHasItsMeasuredAndBaselineMethods() {
        var catalog = BenchRunner.catalog();

        assertThat(catalog).containsKey("event-codec");
        catalog.forEach((name, type) -> {
            LifelineBenchmark spec = type.getAnnotation(LifelineBenchmark.class);
            assertThat(spec.measured()).as(name).isNotEqualTo(spec.baseline());
            assertThat(benchmarkMethods(type)).as(name).contains(spec.measured(), spec.baseline());
        });
    }

    private static String[] benchmarkMethods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class))
                .map(Method::getName)
                .toArray(String[]::new);
    }
}
