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
 * Records a run of bench/scenario1/run (its figures.properties): the headline figure, detection to
 * restored, through the bench harness (results/scenario1.json and the README table) against the old
 * restore path of the same run, and every figure between the scenario1 markers of the README.
 * Run in Java's source-file mode on the bench classpath.
 */
public final class Scenario1BenchResult {

    public static void main(String[] args) throws IOException {
        Path benchDir = Path.of(args[0]);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            p.load(in);
        }
        double oldS = seconds(p, "oldMs");
        double restoredS = seconds(p, "detectedToRestoredMs");
        long mib = Long.parseLong(p.getProperty("databaseBytes")) / 1024 / 1024;
        BenchResult measured = BenchResult.of("scenario1",
                "The plan's Scenario 1 on the whole local system (bin/lifeline up, restore policy auto) protecting a "
                        + mib + " MiB platform-shaped database: TRUNCATE songs CASCADE, then from health-monitor's"
                        + " database.corruption incident (incident.opened) to restore-service's restore.completed"
                        + " (latest verified backup, safety dump, verification, swap), against the old restore path"
                        + " by hand on the same data in the same run (openssl enc -d, gunzip, psql -f, counts;"
                        + " without the human time to notice and start it).",
                "detection to restored", restoredS, "s", BenchResult.Baseline.of("old restore path", oldS, "s"),
                BenchResult.Better.LOWER, p.getProperty("command"));
        new ResultWriter(benchDir).write(new BenchResult(measured.name(), measured.description(), measured.metric(),
                measured.value(), measured.unit(), measured.baseline(), measured.ratio(), measured.better(),
                measured.machine(), p.getProperty("date", measured.date()), measured.command()));

        String figures = String.format(Locale.ROOT, """
                Run of %s, %d MiB database (%s songs, %s plays), load average at the end %s:

                | step | time |
                |---|---:|
                | `drctl backup now --wait` (backup to disk + S3, verified) | %.1f s |
                | corruption (`TRUNCATE songs CASCADE`) → `incident.opened` (probe every %s) | %.1f s |
                | `incident.opened` → `restore.started` (backup selected and verified) | %.1f s |
                | **`incident.opened` → `restore.completed`: detection to restored** | **%.1f s** |
                | `restore.completed` → `incident.resolved` | %.1f s |
                | baseline, same run: old restore path by hand (openssl enc -d, gunzip, psql -f, counts) | %.1f s |
                | ratio detection-to-restored / old path | **%.3f×** |

                Incident `%s`, %s restore(s) for it; age of the backup restored at detection %.0f s;
                restore-service's stages (ms): `%s`.
                """, p.getProperty("date"), mib, p.getProperty("songs"), p.getProperty("plays"), p.getProperty("load"),
                seconds(p, "backupMs"), p.getProperty("probeInterval"), seconds(p, "corruptionToDetectedMs"),
                seconds(p, "detectedToRestoreStartedMs"), restoredS, seconds(p, "restoredToResolvedMs"), oldS,
                restoredS / oldS, p.getProperty("incidentId"), p.getProperty("restores"),
                seconds(p, "backupAgeMs"), p.getProperty("stageMillis"));
        if (!ReadmeSection.replace(benchDir.resolve("README.md"), "scenario1", figures)) {
            System.err.println("bench/scenario1: README.md has no scenario1 markers; figures not written there");
        }
        System.out.print(figures);
    }

    private static double seconds(Properties p, String key) {
        return Long.parseLong(p.getProperty(key)) / 1000.0;
    }
}
