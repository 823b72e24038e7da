package io.lifeline.drctl.postmortem;

import java.time.Duration;

/** Durations as people read them in a report: "2 h 03 min", "4 min 12 s", "850 ms". */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration d) {
        if (d == null) {
            return "n/a";
        }
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + " ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return String.format("%.1f s", ms / 1000.0);
        }
        if (s < 3_600) {
            return String.format("%d min %02d s", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%d h %02d min", s / 3_600, (s % 3_600) / 60);
        }
        return String.format("%d d %02d h", s / 86_400, (s % 86_400) / 3_600);
    }
}
