import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.lifeline.bench.BenchResult;
import io.lifeline.bench.ReadmeSection;
import io.lifeline.bench.ResultWriter;

/**
 * Records a run of bench/notifier/run: latencies from each record's Kafka timestamp to the request
 * received (the notifier's PagerDuty trigger; the bare relay's POST), p50/p99/max of each, written
 * to results/notifier-paging.json through the bench harness (and its README table), and the figures
 * between the notifier-paging markers of bench/README.md.
 *
 *   java -cp BENCH_CP NotifierBenchResult.java BENCH_DIR RUN_DIR
 */
public final class NotifierBenchResult {

    static final double TARGET_P99_MS = 500;

    record Stats(int n, double p50, double p99, double max, double mean) {
        static Stats of(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(Comparator.naturalOrder());
            int n = sorted.size();
            double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            return new Stats(n, rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(n - 1), mean);
        }

        /** Nearest rank: the smallest value with at least p of all values at or below it. */
        private static double rank(List<Double> sorted, double p) {
            return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
        }
    }

    public static void main(String[] args) throws IOException {
        Path benchDir = Path.of(args[0]);
        Path run = Path.of(args[1]);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(run.resolve("figures.properties"))) {
            p.load(in);
        }
        Map<String, Long> received = new HashMap<>();
        for (String line : Files.readAllLines(run.resolve("received.tsv"))) {
            String[] f = line.split("\t");
            // The first arrival counts (a repeat would be a second request for the same page).
            received.putIfAbsent(f[0] + "/" + f[1], Long.parseLong(f[2]));
        }
        Stats notifier = Stats.of(latencies(run.resolve("sent-notifier.tsv"), "page", received));
        Stats bare = Stats.of(latencies(run.resolve("sent-baseline.tsv"), "baseline", received));
        int count = Integer.parseInt(p.getProperty("incidents"));
        if (notifier.n() != count || bare.n() != count) {
            throw new IllegalStateException("expected " + count + " latencies each, have " + notifier.n() + " (notifier) and "
                    + bare.n() + " (baseline)");
        }

        BenchResult measured = BenchResult.of("notifier-paging",
                "notifier (packaged jar, -Xmx" + p.getProperty("heap") + ", PostgreSQL outbox, real Kafka) paging "
                        + count + " critical incident.opened sent at " + p.getProperty("rate") + "/s: p99 latency from the "
                        + "record's Kafka timestamp to the PagerDuty trigger received by a local receiver that answers at "
                        + "once; baseline: a bare Kafka consumer POSTing each record to the same receiver, same run, "
                        + "same rate, after a warm-up of " + p.getProperty("warmup") + " each.",
                "p99 latency, incident.opened to PagerDuty request received", notifier.p99(), "ms",
                BenchResult.Baseline.of("bare Kafka consumer + HTTP POST", bare.p99(), "ms"),
                BenchResult.Better.LOWER, p.getProperty("command"));
        BenchResult result = new BenchResult(measured.name(), measured.description(), measured.metric(),
                measured.value(), measured.unit(), measured.baseline(), measured.ratio(), measured.better(),
                measured.machine(), p.getProperty("date", measured.date()), measured.command());
        new ResultWriter(benchDir).write(result);

        String figures = String.format(Locale.ROOT, """
                Measured %s, %d incidents at %s/s after a warm-up of %s, notifier -Xmx%s, load average at the end %s:

                | path | p50 | p99 | max | mean |
                |---|---|---|---|---|
                | bare Kafka consumer → HTTP POST (baseline) | %.1f ms | %.1f ms | %.1f ms | %.1f ms |
                | notifier: incident.opened → PagerDuty trigger received | %.1f ms | %.1f ms | %.1f ms | %.1f ms |

                p99 %.0f ms against the target of %.0f ms: **%s**; the notifier's p99 is %.1f× the bare relay's.
                """, p.getProperty("date"), count, p.getProperty("rate"), p.getProperty("warmup"), p.getProperty("heap"),
                p.getProperty("load"), bare.p50(), bare.p99(), bare.max(), bare.mean(),
                notifier.p50(), notifier.p99(), notifier.max(), notifier.mean(),
                notifier.p99(), TARGET_P99_MS, notifier.p99() < TARGET_P99_MS ? "met" : "missed",
                notifier.p99() / bare.p99());
        if (!ReadmeSection.replace(benchDir.resolve("README.md"), "notifier-paging", figures)) {
            System.err.println("bench/notifier: README.md has no notifier-paging markers; figures not written there");
        }
        System.out.print(figures);
    }

    private static List<Double> latencies(Path sent, String kind, Map<String, Long> received) throws IOException {
        List<Double> values = new ArrayList<>();
        for (String line : Files.readAllLines(sent)) {
            String[] f = line.split("\t");
            Long at = received.get(kind + "/" + f[0]);
            if (at != null) {
                values.add(at / 1000.0 - Long.parseLong(f[1]));
            }
        }
        return values;
    }
}
