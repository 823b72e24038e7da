package io.lifeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The generated figures of one benchmark in {@code bench/README.md}: the text between
 * {@code <!-- name:start -->} and {@code <!-- name:end -->}, replaced on every run. The prose around
 * the markers is written by hand and never touched.
 */
public final class ReadmeSection {

    private ReadmeSection() {
    }

    /** @return false (the README unchanged) when the markers are missing or out of order */
    public static boolean replace(Path readme, String name, String figures) {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        try {
            String text = Files.readString(readme);
            int from = text.indexOf(start);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                return false;
            }
            Files.writeString(readme, text.substring(0, from + start.length()) + "\n" + figures + text.substring(to));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
