package io.lifeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Stores results as {@code <benchDir>/results/<name>.json} and regenerates the table in
 * {@code <benchDir>/README.md} from all of them, between {@link #START} and {@link #END}.
 * The JSON files are the source; the table is derived and never edited by hand.
 */
public final class ResultWriter {

    public static final String START = "<!-- results:start -->";
    public static final String END = "<!-- results:end -->";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path benchDir;

    public ResultWriter(Path benchDir) {
        this.benchDir = benchDir;
    }

    /** Writes the result, then regenerates the README table; returns the JSON file. */
    public Path write(BenchResult result) {
        Path file = resultsDir().resolve(result.name() + ".json");
        try {
            Files.createDirectories(resultsDir());
            Files.writeString(file, JSON.writeValueAsString(result) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        regenerateReadme();
        return file;
    }

    /** Rewrites the README table from every results file (sorted by name). */
    public void regenerateReadme() {
        Path readme = benchDir.resolve("README.md");
        try {
            Files.writeString(readme, replaceTable(Files.readString(readme), table(readAll())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot regenerate " + readme, e);
        }
    }

    public List<BenchResult> readAll() {
        if (!Files.isDirectory(resultsDir())) {
            return List.of();
        }
        List<BenchResult> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(resultsDir())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                results.add(JSON.readValue(file.toFile(), BenchResult.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results in " + resultsDir(), e);
        }
        results.sort(Comparator.comparing(BenchResult::name));
        return results;
    }

    static String table(List<BenchResult> results) {
        StringBuilder table = new StringBuilder()
                .append("| Name | Metric | Value | Unit | Baseline | Ratio | Date |\n")
                .append("|---|---|---:|---|---|---:|---|\n");
        for (BenchResult r : results) {
            table.append("| ").append(r.name())
                    .append(" | ").append(r.metric())
                    .append(" | ").append(number(r.value()))
                    .append(" | ").append(r.unit())
                    .append(" | ").append(r.baseline().name()).append(": ")
                    .append(number(r.baseline().value())).append(' ').append(r.baseline().unit())
                    .append(" | ").append(number(r.ratio())).append("× (").append(r.better().json())
                    .append(" is better)")
                    .append(" | ").append(r.date(), 0, 10)
                    .append(" |\n");
        }
        if (results.isEmpty()) {
            table.append("| _none yet: `bench/run <name>`_ | | | | | | |\n");
        }
        return table.toString();
    }

    static String replaceTable(String readme, String table) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("README.md needs the markers " + START + " and " + END
                    + " (in that order) around the results table");
        }
        return readme.substring(0, start + START.length()) + "\n" + table + readme.substring(end);
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private Path resultsDir() {
        return benchDir.resolve("results");
    }
}
