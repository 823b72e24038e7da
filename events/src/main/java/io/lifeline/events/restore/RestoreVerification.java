package io.lifeline.events.restore;

import static io.lifeline.events.internal.Checks.atLeast;
import static io.lifeline.events.internal.Checks.textList;

import java.util.List;

/**
 * What was checked after a restore.
 *
 * @param mismatches   one line per table whose row count differs from the backup's, e.g. {@code plays: 1200 != 1210}
 * @param amcheckClean result of {@code pg_amcheck}; null when it was not run
 */
public record RestoreVerification(boolean rowCountsMatch, int tablesChecked, List<String> mismatches,
                                  Boolean amcheckClean) {

    public RestoreVerification {
        atLeast(tablesChecked, 0, "tablesChecked");
        mismatches = textList(mismatches, "mismatches");
    }
}
