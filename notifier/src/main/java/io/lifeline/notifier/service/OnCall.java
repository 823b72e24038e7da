package io.lifeline.notifier.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is primary and who is backup of one rotation at a given instant. Shifts start at
 * {@code start} (wall-clock time in {@code zone}) and last {@code period} of wall-clock time, so a
 * weekly handover stays at 09:00 local across daylight-saving changes. An override makes someone
 * primary for a while; the regular primary then becomes their backup.
 */
public record OnCall(List<String> people, ZoneId zone, LocalDateTime start, Duration period,
                     List<Override> overrides) {

    public record Override(LocalDateTime from, LocalDateTime to, String person) {
    }

    /** Primary and backup now; backup empty when the rotation has one person. */
    public record Shift(String primary, Optional<String> backup) {
    }

    public OnCall {
        people = List.copyOf(people);
        overrides = List.copyOf(overrides);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        if (people.isEmpty()) {
            throw new IllegalArgumentException("a rotation needs at least one person");
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("the rotation period must be positive");
        }
    }

    public Shift at(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        long shift = Math.floorDiv(Duration.between(start, local).toMillis(), period.toMillis());
        int n = people.size();
        String primary = people.get((int) Math.floorMod(shift, n));
        Optional<String> backup = n > 1 ? Optional.of(people.get((int) Math.floorMod(shift + 1, n))) : Optional.empty();
        for (Override o : overrides) {
            if (!local.isBefore(o.from()) && local.isBefore(o.to())) {
                String regular = primary;
                Optional<String> cover = regular.equals(o.person()) ? backup : Optional.of(regular);
                return new Shift(o.person(), cover);
            }
        }
        return new Shift(primary, backup);
    }
}
