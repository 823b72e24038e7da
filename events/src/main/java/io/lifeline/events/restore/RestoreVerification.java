package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.textList;

import java.util.List;

/**
 * What was checked after a restore.
 *
 * @param mismatches     one line per table whose row count differs from the backup's, e.g. {@code plays: 1200 != 1210}
 * @param amcheckClean   result of {@code pg_amcheck}; null when it was not run
 * @param objectsChecked tables, indexes and constraints the archive lists and that were looked for; null if not checked
 * @param missingObjects those of them that the restored database lacks, e.g. {@code INDEX public.plays_song_id_idx}
 */
public record RestoreVerification(boolean rowCountsMatch, int tablesChecked, List<String> mismatches,
                                  Boolean amcheckClean, Integer objectsChecked, List<String> missingObjects) {

    public RestoreVerification {
        atLeast(tablesChecked, 0, "tablesChecked");
        mismatches = textList(mismatches, "mismatches");
        if (objectsChecked != null) {
            atLeast(objectsChecked, 0, "objectsChecked");
        }
        missingObjects = missingObjects == null ? null : textList(missingObjects, "missingObjects");
    }

    public RestoreVerification(boolean rowCountsMatch, int tablesChecked, List<String> mismatches,
            Boolean amcheckClean) {
        this(rowCountsMatch, tablesChecked, mismatches, amcheckClean, null, null);
    }

    /** Every check that ran passed. */
    public boolean passed() {
        return rowCountsMatch && (missingObjects == null || missingObjects.isEmpty())
                && !Boolean.FALSE.equals(amcheckClean);
    }
}
