package io.lifeline.restore.drill;

import java.time.Duration;
import java.util.Map;

import io.lifeline.events.restore.DrillCompleted;
import io.lifeline.events.restore.RestoreVerification;

/** The plan's "Document Results" block, filled in: what a person used to write by hand after the monthly test. */
public final class DrillReport {

    private DrillReport() {
    }

    public static String markdown(DrillCompleted d, String target, RestoreVerification verification) {
        StringBuilder md = new StringBuilder();
        md.append("# Restore drill ").append(d.drillId()).append("\n\n");
        md.append("- Target: ").append(target).append(" (restored into a scratch database beside it, then dropped)\n");
        md.append("- Backup: ").append(d.backupId()).append('\n');
        md.append("- Started: ").append(d.startedAt()).append(", completed: ").append(d.completedAt()).append("\n\n");
        md.append("## Results\n\n");
        md.append("- Backup file integrity: ").append(mark(d.backupIntegrity())).append('\n');
        md.append("- Restore successful: ").append(mark(d.restoreSuccessful())).append('\n');
        md.append("- Data complete: ").append(mark(d.dataComplete())).append('\n');
        double minutes = d.durationMillis() / 60_000.0;
        md.append(String.format(java.util.Locale.ROOT, "- Time taken: %.1f minutes (%d ms; RTO %s: %s)%n", minutes,
                d.durationMillis(), d.rtoMillis() == null ? "?" : Duration.ofMillis(d.rtoMillis()).toString().substring(2),
                d.rtoMillis() == null ? "?" : d.durationMillis() <= d.rtoMillis() ? "within" : "EXCEEDED"));
        md.append("- Issues encountered: ").append(d.issues().isEmpty() ? "none" : "").append('\n');
        d.issues().forEach(i -> md.append("  - ").append(i).append('\n'));
        md.append("- Overall: ").append(d.success() ? "✅ passed" : "❌ FAILED").append("\n\n");
        if (d.stageMillis() != null && !d.stageMillis().isEmpty()) {
            md.append("## Stages\n\n| stage | ms |\n|---|---:|\n");
            for (Map.Entry<String, Long> e : d.stageMillis().entrySet()) {
                md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
            }
            md.append('\n');
        }
        if (verification != null) {
            md.append("## Verification\n\n");
            md.append("- Row counts equal the backup's: ").append(mark(verification.rowCountsMatch())).append(" (")
                    .append(verification.tablesChecked()).append(" tables)\n");
            verification.mismatches().forEach(m -> md.append("  - ").append(m).append('\n'));
            if (verification.objectsChecked() != null) {
                md.append("- Tables, indexes, constraints present: ")
                        .append(mark(verification.missingObjects() == null || verification.missingObjects().isEmpty()))
                        .append(" (").append(verification.objectsChecked()).append(" checked)\n");
            }
            md.append("- pg_amcheck: ").append(verification.amcheckClean() == null ? "not run"
                    : verification.amcheckClean() ? "clean" : "❌ corruption or error").append('\n');
        }
        return md.toString();
    }

    private static String mark(Boolean ok) {
        return ok == null ? "?" : ok ? "✅" : "❌";
    }
}
