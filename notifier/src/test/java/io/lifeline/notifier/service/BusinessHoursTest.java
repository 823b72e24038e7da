package io.lifeline.notifier.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final BusinessHours hours = new BusinessHours(LocalTime.of(9, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

    @Test
    void duringBusinessHoursItIsNow() {
        Instant tuesdayNoon = local(2026, 11, 24, 12, 0);
        assertThat(hours.nextOpening(tuesdayNoon, NEW_YORK)).isEqualTo(tuesdayNoon);
    }

    @Test
    void atNightItIsTheSameMorning() {
        assertThat(hours.nextOpening(local(2026, 11, 24, 2, 30), NEW_YORK)).isEqualTo(local(2026, 11, 24, 9, 0));
    }

    @Test
    void afterHoursItIsTheNextMorning() {
        assertThat(hours.nextOpening(local(2026, 11, 24, 18, 0), NEW_YORK)).isEqualTo(local(2026, 11, 25, 9, 0));
    }

    @Test
    void onFridayEveningItIsMonday() {
        assertThat(hours.nextOpening(local(2026, 11, 27, 20, 0), NEW_YORK)).isEqualTo(local(2026, 11, 30, 9, 0));
        assertThat(hours.nextOpening(local(2026, 11, 29, 10, 0), NEW_YORK)).isEqualTo(local(2026, 11, 30, 9, 0));
    }

    @Test
    void theZoneDecides() {
        // 15:00 UTC on a Tuesday is office time in London, 07:00 in Los Angeles.
        Instant instant = Instant.parse("2026-11-24T15:00:00Z");
        assertThat(hours.nextOpening(instant, ZoneId.of("Europe/London"))).isEqualTo(instant);
        assertThat(hours.nextOpening(instant, ZoneId.of("America/Los_Angeles")))
                .isEqualTo(Instant.parse("2026-11-24T17:00:00Z"));
    }

    private static Instant local(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, NEW_YORK).toInstant();
    }
}
