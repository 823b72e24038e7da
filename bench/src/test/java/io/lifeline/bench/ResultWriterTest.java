package io.lifeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultWriterTest {

    private static final String README = """
            # Benchmarks

            Intro stays.

            <!-- results:start -->
            | stale table |
            <!-- results:end -->

            Footer stays.
            """;

    @TempDir
    Path bench;

    @Test
    void writesJsonAndRegeneratesTheTableFromEveryResultSortedByName() throws IOException {
        Files.writeString(bench.resolve("README.md"), README);
        ResultWriter writer = new ResultWriter(bench);

        writer.write(result("zeta", 3.0, 1.5));
        writer.write(result("alpha", 10.0, 4.0));

        String readme = Files.readString(bench.resolve("README.md"));
        assertThat(readme).startsWith("# Benchmarks\n\nIntro stays.\n\n<!-- results:start -->\n")
                .endsWith("<!-- results:end -->\n\nFooter stays.\n")
                .doesNotContain("stale table")
                .contains("| alpha | avg time per op | 10 | us/op | plain: 4 us/op | 2.5× (lower is better) | 2026-03-14 |\n"
                        + "| zeta | avg time per op | 3 | us/op | plain: 1.5 us/op | 2× (lower is better) | 2026-03-14 |\n");
        assertThat(Files.readString(bench.resolve("results/alpha.json")))
                .contains("\"name\" : \"alpha\"", "\"ratio\" : 2.5", "\"better\" : \"lower\"",
                        "\"baseline\" : {", "\"machine\" : {", "\"memoryMb\"");
        assertThat(writer.readAll()).extracting(BenchResult::name).containsExactly("alpha", "zeta");
    }

    @Test
    void rewritingAResultReplacesItsRowAndTheJsonRoundTrips() throws IOException {
        Files.writeString(bench.resolve("README.md"), README);
        ResultWriter writer = new ResultWriter(bench);
        BenchResult second = result("alpha", 8.0, 4.0);

        writer.write(result("alpha", 10.0, 4.0));
        writer.write(second);

        assertThat(Files.readString(bench.resolve("README.md"))).containsOnlyOnce("| alpha |").contains("| 8 |");
        assertThat(writer.readAll()).containsExactly(second);
    }

    @Test
    void aReadmeWithoutMarkersIsRefused() throws IOException {
        Files.writeString(bench.resolve("README.md"), "# Benchmarks\n");

        assertThatThrownBy(() -> new ResultWriter(bench).write(result("alpha", 1.0, 1.0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ResultWriter.START);
    }

    @Test
    void figuresAreRoundedToFourSignificantDigits() {
        BenchResult r = BenchResult.of("x", "d", "m", 12.34567, "us/op",
                BenchResult.Baseline.of("b", 3.0001234, "us/op"), BenchResult.Better.LOWER, "bench/run x");

        assertThat(r.value()).isEqualTo(12.35);
        assertThat(r.baseline().value()).isEqualTo(3.0);
        assertThat(r.ratio()).isEqualTo(4.115);
        assertThat(r.machine().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    private static BenchResult result(String name, double value, double baseline) {
        return new BenchResult(name, "desc", "avg time per op", value, "us/op",
                new BenchResult.Baseline("plain", baseline, "us/op"), value / baseline, BenchResult.Better.LOWER,
                new BenchResult.Machine(2, "Linux", "OpenJDK 17", 4096), "2026-03-14T03:00:00Z",
                "bench/run " + name);
    }
}
