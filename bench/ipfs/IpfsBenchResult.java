import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import io.lifeline.bench.BenchResult;
import io.lifeline.bench.ReadmeSection;
import io.lifeline.bench.ResultWriter;

/**
 * Records a run of bench/ipfs/run (its figures.properties): the headline figure, the guardian's
 * steady check rate over 100,000 CIDs against the stub node, with the floor of the same HTTP calls
 * measured in the same run as baseline (results/ipfs-guardian.json and the README table), and every
 * figure between the ipfs markers of the README. Run in Java's source-file mode on the bench classpath.
 */
public final class IpfsBenchResult {

    public static void main(String[] args) throws IOException {
        Path benchDir = Path.of(args[0]);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            p.load(in);
        }
        long count = Long.parseLong(p.getProperty("stub.count"));
        double steady = rate(p, "stub", 2);
        double floor = count / (Long.parseLong(p.getProperty("stub.floorMs")) / 1000.0);
        BenchResult measured = BenchResult.of("ipfs-guardian",
                "CIDs checked per second by one ipfs-guardian instance (java -Xmx256m, concurrency "
                        + p.getProperty("concurrency") + ") over " + count + " CIDs: own node (a stub answering the"
                        + " Kubo RPC from memory) pin/ls, two stub trustless gateways (HEAD only-if-cached, raw block,"
                        + " SHA-256 checked), inventory in PostgreSQL; the steady second pass. Baseline: the same HTTP"
                        + " calls on as many threads with nothing else, same run.",
                "CIDs checked per second", steady, "CIDs/s",
                BenchResult.Baseline.of("the same HTTP calls, nothing else", floor, "CIDs/s"), BenchResult.Better.HIGHER,
                p.getProperty("command"));
        new ResultWriter(benchDir).write(new BenchResult(measured.name(), measured.description(), measured.metric(),
                measured.value(), measured.unit(), measured.baseline(), measured.ratio(), measured.better(),
                measured.machine(), p.getProperty("date", measured.date()), measured.command()));

        StringBuilder figures = new StringBuilder(String.format(Locale.ROOT,
                "Run of %s, load average at the end %s:%n%n"
                        + "| node | CIDs | floor (same calls, nothing else) | guardian pass 1 (new inventory + first checks) | guardian pass 2 (steady) | pass 2 / floor | JVM peak RSS | largest heap after a young GC |%n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|%n", p.getProperty("date"), p.getProperty("load")));
        for (String label : new String[] {"stub", "node"}) {
            if (p.getProperty(label + ".count") == null) {
                continue;
            }
            long n = Long.parseLong(p.getProperty(label + ".count"));
            double f = n / (Long.parseLong(p.getProperty(label + ".floorMs")) / 1000.0);
            figures.append(String.format(Locale.ROOT, "| %s | %,d | %.0f CIDs/s | %.0f CIDs/s (%.1f s) | %.0f CIDs/s (%.1f s) | %.2f× | %d MiB | %s MiB |%n",
                    label.equals("stub") ? "stub (Kubo RPC from memory)" : "js-ipfs 0.66.1 (local, real)", n, f,
                    rate(p, label, 1), seconds(p, label, 1), rate(p, label, 2), seconds(p, label, 2),
                    rate(p, label, 2) / f, Long.parseLong(p.getProperty(label + ".vmHwmKb")) / 1024,
                    p.getProperty(label + ".heapAfterGcMb", "?")));
        }
        figures.append(String.format(Locale.ROOT, "%nPass states: stub %s / %s", p.getProperty("stub.pass1.states"),
                p.getProperty("stub.pass2.states")));
        if (p.getProperty("node.count") != null) {
            figures.append(String.format(Locale.ROOT, "; node %s / %s; %s blocks imported into js-ipfs with dag/import in %.1f s",
                    p.getProperty("node.pass1.states"), p.getProperty("node.pass2.states"), p.getProperty("node.count"),
                    Long.parseLong(p.getProperty("node.importMs")) / 1000.0));
        }
        figures.append(".\n");
        if (!ReadmeSection.replace(benchDir.resolve("README.md"), "ipfs", figures.toString())) {
            System.err.println("bench/ipfs: README.md has no ipfs markers; figures not written there");
        }
        System.out.print(figures);
    }

    private static double seconds(Properties p, String label, int pass) {
        String text = p.getProperty(label + ".pass" + pass + ".seconds");
        // PassSummary.duration: seconds as a number, or an ISO-8601 duration, depending on Jackson's settings.
        return text.startsWith("P") ? Duration.parse(text).toMillis() / 1000.0 : Double.parseDouble(text);
    }

    private static double rate(Properties p, String label, int pass) {
        return Long.parseLong(p.getProperty(label + ".count")) / seconds(p, label, pass);
    }
}
