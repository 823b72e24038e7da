import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import io.lifeline.bench.BenchResult;
import io.lifeline.bench.ResultWriter;

/**
 * Records a run of bench/replay/run (its figures.properties): results/replay.json through the bench
 * harness (and the results table), and the figures between the replay markers of bench/README.md.
 */
public final class ReplayBenchResult {

    static final String START = "<!-- replay:start -->";
    static final String END = "<!-- replay:end -->";
    static final double TARGET = 0.8;

    public static void main(String[] args) throws IOException {
        Path benchDir = Path.of(args[0]);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            p.load(in);
        }
        long events = Long.parseLong(p.getProperty("events"));
        double consoleS = (ms(p, "console1Ms") + ms(p, "console2Ms")) / 2;
        double drctlS = (ms(p, "drctl1Ms") + ms(p, "drctl2Ms")) / 2;
        double consoleRate = events / consoleS;
        double drctlRate = events / drctlS;

        BenchResult measured = BenchResult.of("replay",
                "drctl replay of " + events + " events (10 topics x 3 partitions, merged into time order, JSON lines"
                        + " to /dev/null) against Kafka's console consumer reading the same records, same run, mean"
                        + " of two alternated rounds, both JVMs -Xmx" + p.getProperty("heap") + ", start-up included.",
                "events per second", drctlRate, "events/s",
                BenchResult.Baseline.of("kafka console consumer", consoleRate, "events/s"),
                BenchResult.Better.HIGHER, p.getProperty("command"));
        BenchResult result = new BenchResult(measured.name(), measured.description(), measured.metric(),
                measured.value(), measured.unit(), measured.baseline(), measured.ratio(), measured.better(),
                measured.machine(), p.getProperty("date", measured.date()), measured.command());
        new ResultWriter(benchDir).write(result);

        double ratio = drctlRate / consoleRate;
        String figures = String.format(Locale.ROOT, """
                Measured %s, %,d events, load average at the end %s:

                | reader | round 1 | round 2 | mean rate |
                |---|---|---|---|
                | Kafka console consumer (baseline) | %.1f s | %.1f s | %,.0f events/s |
                | drctl replay (time-ordered merge, JSON lines) | %.1f s | %.1f s | %,.0f events/s |

                Ratio drctl / console consumer: **%.2f** (target ≥ %.1f: %s).
                """, p.getProperty("date"), events, p.getProperty("load"),
                ms(p, "console1Ms"), ms(p, "console2Ms"), consoleRate,
                ms(p, "drctl1Ms"), ms(p, "drctl2Ms"), drctlRate,
                ratio, TARGET, ratio >= TARGET ? "met" : "missed");
        Path readme = benchDir.resolve("README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start >= 0 && end > start) {
            Files.writeString(readme, text.substring(0, start + START.length()) + "\n" + figures + text.substring(end));
        } else {
            System.err.println("bench/replay: README.md has no " + START + " markers; figures not written there");
        }
        System.out.print(figures);
    }

    private static double ms(Properties p, String key) {
        return Long.parseLong(p.getProperty(key)) / 1000.0;
    }
}
