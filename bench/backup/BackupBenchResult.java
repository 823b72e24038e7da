import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lifeline.bench.BenchResult;
import io.lifeline.bench.ResultWriter;

/**
 * Records a run of bench/backup/run (its figures.properties): the headline result through the
 * bench harness's ResultWriter (results/backup-pipeline.json and the README results table), every
 * figure in results/details/backup-pipeline.json, and the generated figures between the
 * backup-pipeline markers of the README. Run by bench/backup/run in Java's source-file mode on the
 * bench module's classpath: {@code java -cp ... BackupBenchResult.java BENCH_DIR FIGURES}.
 */
public final class BackupBenchResult {

    static final String NAME = "backup-pipeline";
    static final String START = "<!-- backup-pipeline:start -->";
    static final String END = "<!-- backup-pipeline:end -->";

    static final double TARGET_VS_OLD = 0.15;
    static final double TARGET_VS_FLOOR = 1.5;
    static final double TARGET_HEAP_MB = 256;

    public static void main(String[] args) throws IOException {
        Path benchDir = Path.of(args[0]);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            p.load(in);
        }
        double oldS = ms(p, "oldMs");
        double floorS = (ms(p, "floor1Ms") + ms(p, "floor2Ms")) / 2;
        double lifelineS = ms(p, "lifelineMs");
        double verifyS = ms(p, "lifelineVerifyMs");
        long oldBytes = l(p, "oldBytes");
        long lifelineBytes = l(p, "lifelineBytes");
        double heapUsed = l(p, "lifelineHeapPeakUsedMb");
        double heapCommitted = l(p, "lifelineHeapPeakCommittedMb");
        double heapMax = l(p, "lifelineHeapMaxMb");

        BenchResult measured = BenchResult.of(NAME,
                "Lifeline's backup of a " + mib(l(p, "databaseBytes")) + " MiB database shaped like the platform's ("
                        + l(p, "plays") + " plays) to disk and S3 (backup-service -Xmx256m: pg_dump -Fc -Z0 | zstd"
                        + " | OpenPGP AES-256 | SHA-256 | local file + S3 multipart; verification excluded), against"
                        + " the old script's pg_dump plain | gzip -9 | openssl enc -aes-256-cbc to a file, same run."
                        + " Floor, steady state, memory and sizes: results/details/backup-pipeline.json and the README"
                        + " section.",
                "wall time of the first backup after the service started (request to completedAt)", lifelineS, "s",
                BenchResult.Baseline.of("old script's pipeline", oldS, "s"),
                BenchResult.Better.LOWER, p.getProperty("command"));
        // The date of the measurement (figures.properties), not of this write.
        BenchResult result = new BenchResult(measured.name(), measured.description(), measured.metric(),
                measured.value(), measured.unit(), measured.baseline(), measured.ratio(), measured.better(),
                measured.machine(), p.getProperty("date", measured.date()), measured.command());
        new ResultWriter(benchDir).write(result);

        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("timeVsOld", target(lifelineS / oldS, TARGET_VS_OLD, "Lifeline time / old pipeline time"));
        targets.put("timeVsFloor", target(lifelineS / floorS, TARGET_VS_FLOOR, "Lifeline time / bare pg_dump time (mean of two)"));
        targets.put("heapMb", target(Math.max(heapCommitted, heapUsed), TARGET_HEAP_MB,
                "peak heap committed by backup-service, MB (max heap " + (long) heapMax + " MB)"));
        targets.put("outputVsOld", target((double) lifelineBytes / oldBytes, 1.0, "Lifeline output / old .sql.gz.enc"));

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", NAME);
        details.put("date", result.date());
        details.put("command", result.command());
        details.put("machine", result.machine());
        details.put("loadAverageAtEnd", p.getProperty("load"));
        details.put("backupServiceJar", ordered("packagedAt", p.getProperty("serviceJarBuilt", "unknown"),
                "gitHeadAtRun", p.getProperty("gitHead", "unknown"),
                "sourcesNewerThanJar", p.getProperty("serviceJarStale", "unknown")));
        details.put("database", Map.of("name", p.getProperty("database"), "bytesOnDisk", l(p, "databaseBytes"),
                "plays", l(p, "plays"), "songs", l(p, "songs")));
        details.put("old", ordered("wallSeconds", round(oldS), "outputBytes", oldBytes,
                "peakRssKb", l(p, "oldRssKb"), "peakRssKbByStage", ordered("pg_dump", l(p, "oldRssPgDumpKb"),
                        "gzip", l(p, "oldRssGzipKb"), "openssl", l(p, "oldRssOpensslKb"))));
        details.put("floor", ordered("wallSecondsMean", round(floorS), "wallSecondsFirst", round(ms(p, "floor1Ms")),
                "wallSecondsSecond", round(ms(p, "floor2Ms")), "peakRssKb",
                Math.max(l(p, "floor1RssKb"), l(p, "floor2RssKb"))));
        details.put("lifeline", lifeline(p, "lifeline"));
        if (p.getProperty("steadyMs") != null) {
            Map<String, Object> steady = lifeline(p, "steady");
            steady.put("timeVsOld", round(ms(p, "steadyMs") / oldS));
            steady.put("timeVsFloor", round(ms(p, "steadyMs") / floorS));
            steady.put("outputVsOld", round((double) l(p, "steadyBytes") / oldBytes));
            details.put("lifelineSteadyState", steady);
        }
        details.put("targets", targets);
        Path detailsFile = benchDir.resolve("results/details/" + NAME + ".json");
        Files.createDirectories(detailsFile.getParent());
        Files.writeString(detailsFile, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(details) + "\n");

        String figures = figures(p, result.date(), oldS, floorS, lifelineS, verifyS, oldBytes, lifelineBytes,
                heapUsed, heapCommitted, heapMax);
        Path readme = benchDir.resolve("README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start >= 0 && end > start) {
            Files.writeString(readme, text.substring(0, start + START.length()) + "\n" + figures + text.substring(end));
        } else {
            System.err.println("bench/backup: README.md has no " + START + " ... " + END + " markers; figures not written there");
        }
        System.out.print(figures);
        System.out.println("bench/backup: wrote results/" + NAME + ".json, results/details/" + NAME + ".json and README.md");
    }

    static String figures(Properties p, String date, double oldS, double floorS, double lifelineS, double verifyS,
            long oldBytes, long lifelineBytes, double heapUsed, double heapCommitted, double heapMax) {
        StringBuilder s = new StringBuilder();
        s.append("Run of ").append(date).append(" (`").append(p.getProperty("command")).append("`): database ")
                .append(mib(l(p, "databaseBytes"))).append(" MiB on disk (`pg_database_size`), ")
                .append(String.format(Locale.ROOT, "%,d", l(p, "plays"))).append(" plays; load average at the end ")
                .append(p.getProperty("load")).append("; backup-service jar packaged ")
                .append(p.getProperty("serviceJarBuilt", "(unknown)")).append(" (git HEAD at the run: ")
                .append(p.getProperty("gitHead", "not recorded")).append(", sources newer than the jar: ")
                .append(p.getProperty("serviceJarStale", "not recorded")).append(").\n\n");
        s.append("| Contender | Wall time | Peak memory | Output |\n|---|---:|---|---:|\n");
        s.append("| (a) old script: `pg_dump` plain \\| `gzip -9` \\| `openssl enc -aes-256-cbc` → file | ")
                .append(sec(oldS)).append(" | ").append(mib(l(p, "oldRssKb") * 1024)).append(" MiB RSS (pg_dump ")
                .append(mib(l(p, "oldRssPgDumpKb") * 1024)).append(" + gzip ").append(mib(l(p, "oldRssGzipKb") * 1024))
                .append(" + openssl ").append(mib(l(p, "oldRssOpensslKb") * 1024)).append(") | ")
                .append(mib(oldBytes)).append(" MiB |\n");
        s.append("| (b) floor: `pg_dump -Fc -Z0 > /dev/null` (mean of ").append(sec(ms(p, "floor1Ms"))).append(" before, ")
                .append(sec(ms(p, "floor2Ms"))).append(" after) | ").append(sec(floorS)).append(" | ")
                .append(mib(Math.max(l(p, "floor1RssKb"), l(p, "floor2RssKb")) * 1024)).append(" MiB RSS | – |\n");
        s.append("| (c) Lifeline backup-service to disk + S3, request → `completedAt` | ").append(sec(lifelineS))
                .append(" | JVM ").append(mib(l(p, "lifelineRssKb") * 1024)).append(" MiB RSS (VmHWM), heap ")
                .append((long) heapUsed).append(" MB peak used / ").append((long) heapCommitted)
                .append(" MB committed of ").append((long) heapMax).append(" MB max, live set ≤ ")
                .append(l(p, "lifelineHeapPeakLiveMb")).append(" MB; + pg_dump child ")
                .append(mib(l(p, "lifelinePgDumpRssKb") * 1024)).append(" MiB | ").append(mib(lifelineBytes))
                .append(" MiB |\n");
        s.append("| (c) its verification pass (`completedAt` → `verifiedAt`, ").append(p.getProperty("lifelineVerification"))
                .append(", local + S3) | ").append(sec(verifyS)).append(" | pg_restore child ")
                .append(mib(l(p, "lifelinePgRestoreRssKb") * 1024)).append(" MiB | – |\n");
        if (p.getProperty("steadyMs") != null) {
            s.append("| (c') the next backup by the same process (steady state; informative, not the target figure) | ")
                    .append(sec(ms(p, "steadyMs"))).append(" (").append(ratio(ms(p, "steadyMs") / oldS))
                    .append(" old, ").append(ratio(ms(p, "steadyMs") / floorS)).append(" floor); verification ")
                    .append(sec(ms(p, "steadyVerifyMs"))).append(" | JVM ").append(mib(l(p, "steadyRssKb") * 1024))
                    .append(" MiB RSS, heap ").append(l(p, "steadyHeapPeakUsedMb")).append(" MB peak used / ")
                    .append(l(p, "steadyHeapPeakCommittedMb")).append(" MB committed (both backups) | ")
                    .append(mib(l(p, "steadyBytes"))).append(" MiB (")
                    .append(ratio((double) l(p, "steadyBytes") / oldBytes)).append(" old) |\n");
        }
        s.append("\n| Target (shipped settings, row c: the first backup after start) | Measured | Met |\n|---|---:|---|\n");
        s.append(row("Lifeline ≤ 0.15× the old pipeline's time", ratio(lifelineS / oldS), lifelineS / oldS <= TARGET_VS_OLD));
        s.append(row("Lifeline ≤ 1.5× bare `pg_dump`", ratio(lifelineS / floorS), lifelineS / floorS <= TARGET_VS_FLOOR));
        s.append(row("backup-service heap ≤ 256 MB", (long) Math.max(heapUsed, heapCommitted) + " MB",
                Math.max(heapUsed, heapCommitted) <= TARGET_HEAP_MB));
        s.append(row("output ≤ the old `.gz`", ratio((double) lifelineBytes / oldBytes),
                lifelineBytes <= oldBytes));
        return s.toString();
    }

    /** The figures of one Lifeline backup, written by bench/backup/run with the prefix TAG. */
    static Map<String, Object> lifeline(Properties p, String tag) {
        return ordered("wallSeconds", round(ms(p, tag + "Ms")),
                "requestToStartedSeconds", round(ms(p, tag + "QueueMs")),
                "verificationSeconds", round(ms(p, tag + "VerifyMs")),
                "verificationLevel", p.getProperty(tag + "Verification"),
                "requestToVerifiedSeconds", round(ms(p, tag + "TotalMs")),
                "outputBytes", l(p, tag + "Bytes"), "dumpBytes", l(p, tag + "DumpBytes"),
                "locations", p.getProperty(tag + "Locations"), "backupId", p.getProperty(tag + "BackupId"),
                "jvmPeakRssKb", l(p, tag + "RssKb"), "pgDumpChildPeakRssKb", l(p, tag + "PgDumpRssKb"),
                "pgRestoreChildPeakRssKb", l(p, tag + "PgRestoreRssKb"),
                "heap", ordered("maxMb", l(p, tag + "HeapMaxMb"), "peakUsedBeforeGcMb", l(p, tag + "HeapPeakUsedMb"),
                        "peakLiveAfterGcMb", l(p, tag + "HeapPeakLiveMb"),
                        "peakCommittedMb", l(p, tag + "HeapPeakCommittedMb"),
                        "gcPausesDuringBackup", l(p, tag + "GcPausesDuringBackup")));
    }

    private static String row(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |\n";
    }

    private static Map<String, Object> target(double measured, double limit, String what) {
        return ordered("what", what, "measured", round(measured), "target", limit, "met", measured <= limit);
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static double ms(Properties p, String key) {
        return l(p, key) / 1000.0;
    }

    private static long l(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("figure " + key + " missing");
        }
        return Long.parseLong(v.trim());
    }

    private static double round(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(4)).doubleValue();
    }

    private static String sec(double s) {
        return BigDecimal.valueOf(round(s)).stripTrailingZeros().toPlainString() + " s";
    }

    private static String ratio(double r) {
        return BigDecimal.valueOf(round(r)).stripTrailingZeros().toPlainString() + "×";
    }

    private static String mib(long bytes) {
        return BigDecimal.valueOf(round(bytes / 1048576.0)).stripTrailingZeros().toPlainString();
    }
}
