import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;


import io.lifeline.bench.BenchResult;
import io.lifeline.bench.ReadmeSection;
import io.lifeline.bench.ResultWriter;

/**
 * Records a run of bench/health/run (its figures.properties and detections.csv): the headline result
 * through the bench harness (bench/results/health-detection.json and the README results table), and
 * every figure between the health markers of bench/README.md. Run in Java's source-file mode on the
 * bench classpath.
 */
public final class HealthBenchResult {

    static final String NAME = "health-detection";

    /** One label's detections (ms). */
    record Detections(List<Long> latency, List<Long> processing, List<Long> firstAnswer, List<Long> seenAfterRecord,
            List<Long> resolved) {
    }

    public static void main(String[] args) throws IOException {
        Path benchDir = Path.of(args[0]);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            p.load(in);
        }
        List<String> csv = Files.readAllLines(Path.of(args[2]));
        Detections many = detections(csv, "many");
        Detections one = detections(csv, "one");
        int intervalS = Integer.parseInt(p.getProperty("intervalS"));
        int threshold = Integer.parseInt(p.getProperty("threshold"));
        long boundMs = intervalS * 1000L * threshold + 1000;
        int probesMany = Integer.parseInt(p.getProperty("many.probes"));
        int probesOne = Integer.parseInt(p.getProperty("one.probes"));
        boolean met = max(many.latency()) <= boundMs && max(one.latency()) <= boundMs;

        double cpuPctMany = pct(p, "many");
        double cpuPctOne = pct(p, "one");
        double cycleMsMany = perCycle(p, "many", intervalS);
        double cycleMsOne = perCycle(p, "one", intervalS);
        double perProbeMs = (cycleMsMany - cycleMsOne) / (probesMany - probesOne);

        String description = String.format(Locale.ROOT, "Detection latency of health-monitor (packaged, java -Xmx%s)"
                + " with %d HTTP probes configured (+ the 4 shipped ones), interval %d s, failure threshold %d:"
                + " from a component starting to fail (the target's switch to 503) to its incident.opened on Kafka"
                + " (record timestamp), %d components failing per round staggered over one interval, %d rounds;"
                + " baseline the same with 1 HTTP probe configured (%d rounds), same run. Max %.2f s (%d probes),"
                + " %.2f s (1 probe) against the issue's bound interval x threshold + 1 s = %.0f s: %s. Steady CPU"
                + " %.1f%% of a core (%d probes) vs %.1f%% (1 probe); VmHWM %d MiB.",
                p.getProperty("heap"), probesMany, intervalS, threshold, Integer.parseInt(p.getProperty("failing")),
                Integer.parseInt(p.getProperty("rounds")), Integer.parseInt(p.getProperty("baselineRounds")),
                max(many.latency()) / 1000.0, probesMany, max(one.latency()) / 1000.0, boundMs / 1000.0,
                met ? "met" : "NOT met", cpuPctMany, probesMany, cpuPctOne, kb(p, "many.hwmKb") / 1024);
        BenchResult measured = BenchResult.of(NAME, description,
                "median detection latency (failure to incident.opened on Kafka), " + probesMany + " probes",
                p50(many.latency()) / 1000.0, "s",
                BenchResult.Baseline.of("1 probe configured", p50(one.latency()) / 1000.0, "s"),
                BenchResult.Better.LOWER, p.getProperty("command"));
        BenchResult result = new BenchResult(measured.name(), measured.description(), measured.metric(),
                measured.value(), measured.unit(), measured.baseline(), measured.ratio(), measured.better(),
                measured.machine(), p.getProperty("date", measured.date()), measured.command());
        new ResultWriter(benchDir).write(result);

        String figures = String.format(Locale.ROOT, """
                Run of %s on %s cores (load average at the end %s), interval %d s, failure threshold %d, so the
                issue's bound is %d s × %d + 1 s = **%.0f s**:

                | | %d HTTP probes (+ 4 shipped) | baseline: 1 HTTP probe (+ 4 shipped) |
                |---|---:|---:|
                | detections measured | %d (%s rounds × %s) | %d (%s rounds × 1) |
                | failure → `incident.opened` on Kafka, p50 | %.2f s | %.2f s |
                | failure → `incident.opened` on Kafka, max | **%.2f s** | **%.2f s** |
                | outage start → first failed probe answer, max (the schedule's phase: up to one interval, plus the round's spread) | %.2f s | %.2f s |
                | deciding failed answer (no. %d) → `incident.opened`, p50 / max (the monitor's own work) | %d / %d ms | %d / %d ms |
                | `incident.opened` record → seen by a plain consumer, max | %d ms | %d ms |
                | CPU, steady (all up), %% of one core | %.2f %% | %.2f %% |
                | CPU per probe cycle (every %d s) | %.0f ms | %.0f ms |
                | memory: VmRSS steady / after the rounds, VmHWM | %d / %d / %d MiB | %d / %d / %d MiB |
                | heap used (Micrometer, steady / after the rounds) | %d / %d MiB | %d / %d MiB |

                Bound (max ≤ %.0f s): **%s** with %d probes and with 1. Ratio of the medians %d probes / 1 probe:
                **%.2f×**. The marginal cost of a probe: %.2f ms CPU per probe and cycle (%d probes minus 1,
                divided by %d), i.e. %.3f %% of a core per probe at this interval.
                """, p.getProperty("date"), p.getProperty("cpus"), p.getProperty("load"), intervalS, threshold,
                intervalS, threshold, boundMs / 1000.0,
                probesMany,
                many.latency().size(), p.getProperty("rounds"), p.getProperty("failing"), one.latency().size(),
                p.getProperty("baselineRounds"),
                p50(many.latency()) / 1000.0, p50(one.latency()) / 1000.0,
                max(many.latency()) / 1000.0, max(one.latency()) / 1000.0,
                max(many.firstAnswer()) / 1000.0, max(one.firstAnswer()) / 1000.0,
                threshold, p50(many.processing()), max(many.processing()), p50(one.processing()), max(one.processing()),
                max(many.seenAfterRecord()), max(one.seenAfterRecord()),
                cpuPctMany, cpuPctOne,
                intervalS, cycleMsMany, cycleMsOne,
                kb(p, "many.rssKbSteady") / 1024, kb(p, "many.rssKbEnd") / 1024, kb(p, "many.hwmKb") / 1024,
                kb(p, "one.rssKbSteady") / 1024, kb(p, "one.rssKbEnd") / 1024, kb(p, "one.hwmKb") / 1024,
                kb(p, "many.heapBytesSteady") / 1024 / 1024, kb(p, "many.heapBytesEnd") / 1024 / 1024,
                kb(p, "one.heapBytesSteady") / 1024 / 1024, kb(p, "one.heapBytesEnd") / 1024 / 1024,
                boundMs / 1000.0, met ? "met" : "NOT met", probesMany,
                probesMany, p50(many.latency()) / (double) p50(one.latency()),
                perProbeMs, probesMany, probesMany - probesOne, perProbeMs / (intervalS * 1000.0) * 100);

        if (!ReadmeSection.replace(benchDir.resolve("README.md"), "health", figures)) {
            System.err.println("bench/health: README.md has no health markers; figures not written there");
        }
        System.out.print(figures);
    }



    private static Detections detections(List<String> csv, String label) {
        List<Long> latency = new ArrayList<>();
        List<Long> processing = new ArrayList<>();
        List<Long> firstAnswer = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        List<Long> resolved = new ArrayList<>();
        for (String line : csv) {
            String[] f = line.split(",");
            if (f.length < 10 || !f[0].equals(label)) {
                continue;
            }
            long outage = Long.parseLong(f[3]);
            long record = Long.parseLong(f[4]);
            long seenMs = Long.parseLong(f[5]);
            long first = Long.parseLong(f[8]);
            long deciding = Long.parseLong(f[9]);
            latency.add(record - outage);
            seen.add(seenMs - record);
            resolved.add(Long.parseLong(f[7]) - record);
            if (first > 0) {
                firstAnswer.add(first - outage);
            }
            if (deciding > 0) {
                processing.add(record - deciding);
            }
        }
        if (latency.isEmpty()) {
            throw new IllegalStateException("no detection of " + label + " in the CSV");
        }
        return new Detections(latency, processing, firstAnswer, seen, resolved);
    }

    private static double pct(Properties p, String label) {
        return 100.0 * Long.parseLong(p.getProperty(label + ".cpuMs")) / Long.parseLong(p.getProperty(label + ".windowMs"));
    }

    private static double perCycle(Properties p, String label, int intervalS) {
        double cycles = Long.parseLong(p.getProperty(label + ".windowMs")) / (intervalS * 1000.0);
        return Long.parseLong(p.getProperty(label + ".cpuMs")) / cycles;
    }

    private static long kb(Properties p, String key) {
        return Long.parseLong(p.getProperty(key, "0").trim().isEmpty() ? "0" : p.getProperty(key, "0").trim());
    }

    /** Nearest-rank median. */
    private static long p50(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.ceil(sorted.size() * 0.5) - 1);
    }

    private static long max(List<Long> values) {
        return values.isEmpty() ? 0 : Collections.max(values);
    }
}
