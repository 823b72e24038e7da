import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import io.lifeline.bench.BenchResult;
import io.lifeline.bench.ReadmeSection;
import io.lifeline.bench.ResultWriter;

/**
 * Records a run of bench/restore/run (its figures.properties): the headline result through the
 * bench harness's ResultWriter (results/restore.json and the README results table), and the figures
 * between the restore markers of the README. Run in Java's source-file mode on the bench classpath.
 */
public final class RestoreBenchResult {

    static final String NAME = "restore";
    static final double TARGET_VS_OLD = 0.6;

    public static void main(String[] args) throws IOException {
        Path benchDir = Path.of(args[0]);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            p.load(in);
        }
        double oldS = Long.parseLong(p.getProperty("oldMs")) / 1000.0;
        double lifelineS = Long.parseLong(p.getProperty("lifelineMs")) / 1000.0;
        long mib = Long.parseLong(p.getProperty("databaseBytes")) / 1024 / 1024;
        BenchResult measured = BenchResult.of(NAME,
                "Lifeline's restore (restore-service -Xmx256m, verification included: SHA-256, OpenPGP integrity,"
                        + " pg_restore --list, pg_restore --jobs=" + p.getProperty("jobs") + ", exact row counts,"
                        + " tables/indexes/constraints, pg_amcheck, swap) of its own backup of a " + mib
                        + " MiB database shaped like the platform's, against the old path (openssl enc -d to a file,"
                        + " gunzip to a file, psql -f, count songs and plays), same data, same run.",
                "wall time of one restore (request to completed)", lifelineS, "s",
                BenchResult.Baseline.of("old restore path", oldS, "s"), BenchResult.Better.LOWER,
                p.getProperty("command"));
        BenchResult result = new BenchResult(measured.name(), measured.description(), measured.metric(),
                measured.value(), measured.unit(), measured.baseline(), measured.ratio(), measured.better(),
                measured.machine(), p.getProperty("date", measured.date()), measured.command());
        new ResultWriter(benchDir).write(result);

        double ratio = lifelineS / oldS;
        String figures = String.format(Locale.ROOT, """
                Run of %s, %d MiB database (%s plays), load average at the end %s:

                | path | wall time | stored backup |
                |---|---:|---:|
                | (a) old: openssl enc -d → file, gunzip → file, psql -f, 2 counts | %.1f s | %d MiB (.sql.gz.enc) |
                | (b) Lifeline: restore-service, verification included | %.1f s | %d MiB (.dump.zst.gpg) |
                | ratio (b) / (a) | **%.3f×** (target ≤ %.1f×: %s) | |

                Lifeline's stages (ms): `%s`; pg_amcheck clean: %s; objects checked: %s.
                """, p.getProperty("date"), mib, p.getProperty("plays"), p.getProperty("load"), oldS,
                Long.parseLong(p.getProperty("oldBytes")) / 1024 / 1024, lifelineS,
                Long.parseLong(p.getProperty("lifelineBytes")) / 1024 / 1024, ratio, TARGET_VS_OLD,
                ratio <= TARGET_VS_OLD ? "met" : "NOT met", p.getProperty("stageMillis"), p.getProperty("amcheckClean"),
                p.getProperty("objectsChecked"));
        if (!ReadmeSection.replace(benchDir.resolve("README.md"), NAME, figures)) {
            System.err.println("bench/restore: README.md has no restore markers; figures not written there");
        }
        System.out.print(figures);
    }
}
