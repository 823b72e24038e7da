package io.lifeline.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code bench/run <name>}: runs the JMH benchmark class annotated {@code @LifelineBenchmark(name)}
 * (its own {@code @Fork/@Warmup/@Measurement} settings apply), then records the measured score,
 * the baseline score of the same run and their ratio through {@link ResultWriter}.
 *
 * <p>System properties: {@code lifeline.bench.dir} (where results/ and README.md live, default
 * {@code bench}), {@code lifeline.bench.command} (recorded as how to reproduce the result).
 */
public final class BenchRunner {

    private BenchRunner() {
    }

    public static void main(String[] args) throws RunnerException {
        Map<String, Class<?>> catalog = catalog();
        if (args.length == 0) {
            System.out.println("benchmarks: " + String.join(", ", catalog.keySet()));
            return;
        }
        if (args.length != 1 || !catalog.containsKey(args[0])) {
            System.err.println((args.length == 1 ? "bench: no benchmark named '" + args[0] + "'. " : "")
                    + "usage: bench/run <name>; names: " + String.join(", ", catalog.keySet()));
            System.exit(2);
        }
        Class<?> benchmark = catalog.get(args[0]);
        LifelineBenchmark spec = benchmark.getAnnotation(LifelineBenchmark.class);

        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                .build()).run();

        Result<?> measured = score(runs, spec.measured());
        Result<?> baseline = score(runs, spec.baseline());
        BenchResult result = BenchResult.of(spec.name(), spec.description(), spec.metric(),
                measured.getScore(), measured.getScoreUnit(),
                BenchResult.Baseline.of(spec.baselineName(), baseline.getScore(), baseline.getScoreUnit()),
                spec.better(), System.getProperty("lifeline.bench.command", "bench/run " + spec.name()));

        Path file = new ResultWriter(Path.of(System.getProperty("lifeline.bench.dir", "bench"))).write(result);
        System.out.printf("%nbench: %s = %s %s (±%.3f), baseline %s = %s %s, ratio %s (%s is better)%nbench: wrote %s and the README table%n",
                spec.measured(), result.value(), result.unit(), measured.getScoreError(),
                spec.baseline(), result.baseline().value(), result.baseline().unit(),
                result.ratio(), result.better().json(), file);
    }

    /** Benchmark classes by name, found through the list JMH's annotation processor generated. */
    static Map<String, Class<?>> catalog() {
        Map<String, Class<?>> catalog = new TreeMap<>();
        for (BenchmarkListEntry entry : BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT), List.of())) {
            Class<?> type = load(entry.getUserClassQName());
            LifelineBenchmark spec = type.getAnnotation(LifelineBenchmark.class);
            if (spec != null) {
                Class<?> other = catalog.put(spec.name(), type);
                if (other != null && other != type) {
                    throw new IllegalStateException("two benchmarks are named " + spec.name() + ": "
                            + other.getName() + " and " + type.getName());
                }
            }
        }
        return catalog;
    }

    private static Result<?> score(Collection<RunResult> runs, String method) {
        return runs.stream()
                .filter(run -> run.getParams().getBenchmark().endsWith("." + method))
                .map(RunResult::getPrimaryResult)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("JMH returned no result for @Benchmark " + method));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, BenchRunner.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("benchmark class in META-INF/BenchmarkList not found: " + name, e);
        }
    }
}
