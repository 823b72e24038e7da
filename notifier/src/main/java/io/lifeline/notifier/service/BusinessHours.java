package io.lifeline.notifier.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/** Working hours on working days, in a time zone: when a medium incident's ticket may go out. */
public record BusinessHours(LocalTime start, LocalTime end, Set<DayOfWeek> days) {

    public BusinessHours {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("business hours must start before they end");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("business hours need at least one day");
        }
        days = Set.copyOf(days);
    }

    /** {@code now} itself when it is within business hours in {@code zone}, else the next opening. */
    public Instant nextOpening(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        if (days.contains(local.getDayOfWeek()) && !local.toLocalTime().isBefore(start)
                && local.toLocalTime().isBefore(end)) {
            return now;
        }
        ZonedDateTime candidate = local.toLocalDate().atTime(start).atZone(zone);
        if (!candidate.isAfter(local)) {
            candidate = candidate.plusDays(1);
        }
        for (int i = 0; i < 8 && !days.contains(candidate.getDayOfWeek()); i++) {
            candidate = candidate.plusDays(1);
        }
        // atZone moves a start inside a daylight-saving gap forward: still the morning.
        return candidate.toLocalDate().atTime(start).atZone(zone).toInstant();
    }
}
