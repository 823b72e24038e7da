import java.nio.file.Path;

import io.lifeline.bench.ResultWriter;

/** Regenerates the results table of bench/README.md from results/*.json: java -cp BENCH_CLASSPATH RegenerateTable.java BENCH_DIR */
public class RegenerateTable {
    public static void main(String[] args) {
        new ResultWriter(Path.of(args[0])).regenerateReadme();
    }
}
