package io.lifeline.health.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import io.lifeline.health.config.HealthMonitorConfig;

/** Configured windows: recurring by cron in their time zone, one-off, expiring. */
class WindowOccurrenceTest {

    private final CronParser cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    @Test
    void aRecurringWindowIsReadInItsTimeZone() {
        // Sundays 03:00 in Berlin = 02:00 UTC in winter; one hour long.
        HealthMonitorConfig.MaintenanceWindow sunday = window(Optional.of("0 0 3 ? * SUN"), Optional.empty(),
                "Europe/Berlin", Optional.empty());
        Instant inside = Instant.parse("2026-11-29T02:30:00Z");
        var occurrence = MaintenanceService.occurrence(cron, "sunday-db", sunday, inside).orElseThrow();
        assertThat(occurrence.id()).isEqualTo("sunday-db-20261129T0200Z");
        assertThat(occurrence.startsAt()).isEqualTo(Instant.parse("2026-11-29T02:00:00Z"));
        assertThat(occurrence.endsAt()).isEqualTo(Instant.parse("2026-11-29T03:00:00Z"));
        assertThat(occurrence.covers("postgres", inside)).isTrue();
        assertThat(occurrence.covers("redis", inside)).isFalse();

        assertThat(MaintenanceService.occurrence(cron, "sunday-db", sunday, Instant.parse("2026-11-29T03:00:00Z")))
                .isEmpty();
        assertThat(MaintenanceService.occurrence(cron, "sunday-db", sunday, Instant.parse("2026-11-29T01:59:59Z")))
                .isEmpty();
        assertThat(MaintenanceService.occurrence(cron, "sunday-db", sunday, Instant.parse("2026-11-28T02:30:00Z")))
                .isEmpty();
    }

    @Test
    void aWindowExpiresAndAOneOffWindowHappensOnce() {
        HealthMonitorConfig.MaintenanceWindow expired = window(Optional.of("0 0 3 ? * SUN"), Optional.empty(), "UTC",
                Optional.of("2026-11-01T00:00:00Z"));
        assertThat(MaintenanceService.occurrence(cron, "old", expired, Instant.parse("2026-11-29T03:30:00Z")))
                .isEmpty();

        HealthMonitorConfig.MaintenanceWindow once = window(Optional.empty(), Optional.of("2026-12-01T10:00:00Z"),
                "UTC", Optional.empty());
        assertThat(MaintenanceService.occurrence(cron, "migration", once, Instant.parse("2026-12-01T10:59:00Z")))
                .isPresent();
        assertThat(MaintenanceService.occurrence(cron, "migration", once, Instant.parse("2026-12-08T10:30:00Z")))
                .isEmpty();
    }

    private static HealthMonitorConfig.MaintenanceWindow window(Optional<String> cronExpression, Optional<String> start,
            String zone, Optional<String> until) {
        return new HealthMonitorConfig.MaintenanceWindow() {
            @Override
            public List<String> components() {
                return List.of("postgres", "api");
            }

            @Override
            public Optional<String> cron() {
                return cronExpression;
            }

            @Override
            public Optional<String> start() {
                return start;
            }

            @Override
            public Duration duration() {
                return Duration.ofHours(1);
            }

            @Override
            public String timeZone() {
                return zone;
            }

            @Override
            public Optional<String> until() {
                return until;
            }

            @Override
            public String reason() {
                return "planned";
            }
        };
    }
}
