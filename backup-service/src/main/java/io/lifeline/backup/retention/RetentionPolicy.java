package io.lifeline.backup.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which stored copies retention may delete. Pure: the same backups, settings and time give the
 * same answer, so a dry run shows exactly what a real run does. A copy is kept when any rule keeps
 * it: inside its store's age window, among the newest verified ones (the minimum), a
 * grandfather-father-son pick, or the newest verified backup of its database (never deleted).
 */
public final class RetentionPolicy {

    public enum Store {
        LOCAL("local", loc -> loc.startsWith("file:")),
        S3("s3", loc -> loc.startsWith("s3://"));

        private final String label;
        private final Predicate<String> owns;

        Store(String label, Predicate<String> owns) {
            this.label = label;
            this.owns = owns;
        }
    }

    public record Settings(int localDays, int s3Days, int minimumKept, int keepDaily, int keepWeekly, int keepMonthly) {
    }

    public record Candidate(String backupId, String database, Instant takenAt, boolean verified, List<String> locations) {
    }

    public record Deletion(String backupId, String database, String location, String rule, Instant takenAt) {
    }

    private RetentionPolicy() {
    }

    public static List<Deletion> plan(List<Candidate> backups, Settings settings, Instant now) {
        List<Deletion> deletions = new ArrayList<>();
        Map<String, List<Candidate>> byDatabase = backups.stream()
                .collect(Collectors.groupingBy(Candidate::database, LinkedHashMap::new, Collectors.toList()));
        byDatabase.forEach((database, all) -> {
            List<Candidate> newestFirst = all.stream().sorted(Comparator.comparing(Candidate::takenAt).reversed()).toList();
            String newestVerified = newestFirst.stream().filter(Candidate::verified).map(Candidate::backupId)
                    .findFirst().orElse(null);
            for (Store store : Store.values()) {
                int days = store == Store.LOCAL ? settings.localDays() : settings.s3Days();
                List<Candidate> stored = newestFirst.stream()
                        .filter(c -> c.locations().stream().anyMatch(store.owns)).toList();
                Set<String> keep = new HashSet<>();
                if (newestVerified != null) {
                    keep.add(newestVerified);
                }
                stored.stream().filter(Candidate::verified).limit(settings.minimumKept())
                        .forEach(c -> keep.add(c.backupId()));
                Instant cutoff = now.minus(days, ChronoUnit.DAYS);
                stored.stream().filter(c -> !c.takenAt().isBefore(cutoff)).forEach(c -> keep.add(c.backupId()));
                keep.addAll(newestPerPeriod(stored, settings.keepDaily(), c -> day(c)));
                keep.addAll(newestPerPeriod(stored, settings.keepWeekly(),
                        c -> day(c).get(IsoFields.WEEK_BASED_YEAR) * 100 + day(c).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                keep.addAll(newestPerPeriod(stored, settings.keepMonthly(), c -> day(c).getYear() * 100 + day(c).getMonthValue()));
                for (Candidate c : stored) {
                    if (!keep.contains(c.backupId())) {
                        c.locations().stream().filter(store.owns).forEach(loc -> deletions.add(new Deletion(
                                c.backupId(), database, loc, store.label + " older than " + days + " days", c.takenAt())));
                    }
                }
            }
        });
        return deletions;
    }

    /** The newest verified backup of each of the last {@code count} periods that have one. */
    private static Set<String> newestPerPeriod(List<Candidate> newestFirst, int count, Function<Candidate, Object> period) {
        Set<String> kept = new HashSet<>();
        Set<Object> periods = new HashSet<>();
        for (Candidate c : newestFirst) {
            if (periods.size() >= count) {
                break;
            }
            if (c.verified() && periods.add(period.apply(c))) {
                kept.add(c.backupId());
            }
        }
        return kept;
    }

    private static LocalDate day(Candidate c) {
        return c.takenAt().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
