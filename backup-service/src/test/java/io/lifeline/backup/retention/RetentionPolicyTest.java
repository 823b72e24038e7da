package io.lifeline.backup.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.lifeline.backup.retention.RetentionPolicy.Candidate;
import io.lifeline.backup.retention.RetentionPolicy.Deletion;
import io.lifeline.backup.retention.RetentionPolicy.Settings;

class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");

    /** One verified daily backup at 02:00 for the last {@code days} days, in both stores. */
    private static List<Candidate> daily(int days) {
        List<Candidate> all = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Instant at = NOW.minus(d, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS);
            String id = "bkp-" + d;
            all.add(new Candidate(id, "mycelix", at, true, List.of("file:/b/" + id, "s3://bucket/" + id)));
        }
        return all;
    }

    private static List<String> deleted(List<Deletion> plan, String prefix) {
        return plan.stream().filter(d -> d.location().startsWith(prefix)).map(Deletion::backupId).sorted().toList();
    }

    @Test
    void keepsThirtyDaysLocallyAndNinetyInS3() {
        List<Deletion> plan = RetentionPolicy.plan(daily(100), new Settings(30, 90, 3, 0, 0, 0), NOW);

        assertThat(deleted(plan, "file:")).hasSize(70).doesNotContain("bkp-0", "bkp-29").contains("bkp-30", "bkp-99");
        assertThat(deleted(plan, "s3:")).hasSize(10).contains("bkp-90", "bkp-99").doesNotContain("bkp-89");
    }

    @Test
    void neverDeletesTheNewestVerifiedBackupNorGoesBelowTheMinimum() {
        List<Candidate> old = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            Instant at = NOW.minus(200 + d, ChronoUnit.DAYS);
            old.add(new Candidate("old-" + d, "mycelix", at, d != 0, List.of("file:/b/old-" + d)));
        }
        List<Deletion> plan = RetentionPolicy.plan(old, new Settings(30, 90, 2, 0, 0, 0), NOW);

        // old-0 is newest but unverified; old-1 is the newest verified, old-2 the second of the minimum two.
        assertThat(deleted(plan, "file:")).containsExactly("old-0", "old-3", "old-4");
    }

    @Test
    void grandfatherFatherSonKeepsOnePerDayWeekAndMonth() {
        List<Deletion> plan = RetentionPolicy.plan(daily(400), new Settings(7, 7, 1, 7, 4, 12), NOW);
        List<String> keptLocal = daily(400).stream().map(Candidate::backupId)
                .filter(id -> !deleted(plan, "file:").contains(id)).collect(Collectors.toList());

        // 7 days in the window, plus the newest of each of 4 ISO weeks and 12 months (overlapping the days).
        assertThat(keptLocal).contains("bkp-0", "bkp-6").doesNotContain("bkp-399");
        assertThat(keptLocal.size()).isBetween(7 + 12 - 2, 7 + 4 + 12);
        assertThat(keptLocal.stream().mapToInt(id -> Integer.parseInt(id.substring(4))).max().orElseThrow())
                .isBetween(300, 370);
    }

    @Test
    void databasesAreJudgedSeparately() {
        List<Candidate> two = new ArrayList<>(daily(40));
        two.add(new Candidate("other-1", "other", NOW.minus(100, ChronoUnit.DAYS), true, List.of("file:/b/other-1")));
        List<Deletion> plan = RetentionPolicy.plan(two, new Settings(30, 90, 3, 0, 0, 0), NOW);

        assertThat(plan).noneMatch(d -> d.backupId().equals("other-1"));
        assertThat(plan).allSatisfy(d -> assertThat(d.rule()).isNotBlank());
    }
}
