package io.lifeline.bench;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One recorded benchmark, as stored in {@code bench/results/<name>.json}. The baseline is
 * measured in the same run on the same machine, so {@link #ratio} is the figure to compare
 * across runs and machines; {@link #value} alone depends on how busy the machine was.
 *
 * @param metric  what {@code value} measures, e.g. "avg time per decode"
 * @param ratio   value / baseline.value
 * @param date    ISO-8601 instant of the run
 * @param command how to reproduce it, e.g. {@code bench/run event-codec}
 */
public record BenchResult(String name, String description, String metric, double value, String unit,
                          Baseline baseline, double ratio, Better better, Machine machine, String date,
                          String command) {

    public BenchResult {
        requireText(name, "name");
        requireText(metric, "metric");
        requireText(unit, "unit");
        Objects.requireNonNull(baseline, "baseline is required");
        Objects.requireNonNull(better, "better is required");
        Objects.requireNonNull(machine, "machine is required");
        Instant.parse(requireText(date, "date"));
    }

    /** Builds a result measured now, on this machine; rounds figures to what the noise allows. */
    public static BenchResult of(String name, String description, String metric, double value, String unit,
                                 Baseline baseline, Better better, String command) {
        return new BenchResult(name, description, metric, round(value), unit, baseline,
                round(value / baseline.value()), better, Machine.current(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command);
    }

    /** The reference measured beside the benchmark, e.g. the same work without the feature under test. */
    public record Baseline(String name, double value, String unit) {
        public Baseline {
            requireText(name, "baseline.name");
            requireText(unit, "baseline.unit");
            if (!(value > 0)) {
                throw new IllegalArgumentException("baseline.value must be positive, is " + value);
            }
        }

        public static Baseline of(String name, double value, String unit) {
            return new Baseline(name, round(value), unit);
        }
    }

    public enum Better {
        LOWER, HIGHER;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Better fromJson(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** Where it ran: enough to tell a laptop from a 2-core CI runner. */
    public record Machine(int cores, String os, String java, long memoryMb) {
        public static Machine current() {
            long memoryBytes = ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : -1;
            return new Machine(Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version")
                            + " (" + System.getProperty("os.arch") + ")",
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    memoryBytes < 0 ? -1 : memoryBytes / (1024 * 1024));
        }
    }

    /** Four significant digits: more would only record noise. */
    static double round(double value) {
        return BigDecimal.valueOf(value).round(new MathContext(4)).doubleValue();
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
