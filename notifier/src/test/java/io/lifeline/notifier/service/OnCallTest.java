package io.lifeline.notifier.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OnCallTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    // Monday 5 January 2026, 09:00 in Paris: Alice's first week.
    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 5, 9, 0);

    private final OnCall weekly = new OnCall(List.of("alice", "bob", "carol"), PARIS, START, Duration.ofDays(7),
            List.of());

    @Test
    void theFirstPersonIsPrimaryFromTheStartAndTheNextIsBackup() {
        assertThat(weekly.at(paris(2026, 1, 5, 9, 0))).isEqualTo(new OnCall.Shift("alice", Optional.of("bob")));
        assertThat(weekly.at(paris(2026, 1, 12, 8, 59))).isEqualTo(new OnCall.Shift("alice", Optional.of("bob")));
    }

    @Test
    void theHandoverHappensWeeklyAtNineLocalAndWrapsAround() {
        assertThat(weekly.at(paris(2026, 1, 12, 9, 0)).primary()).isEqualTo("bob");
        assertThat(weekly.at(paris(2026, 1, 19, 9, 0))).isEqualTo(new OnCall.Shift("carol", Optional.of("alice")));
        assertThat(weekly.at(paris(2026, 1, 26, 9, 0)).primary()).isEqualTo("alice");
    }

    @Test
    void beforeTheStartTheRotationRunsBackwards() {
        assertThat(weekly.at(paris(2026, 1, 5, 8, 59)).primary()).isEqualTo("carol");
    }

    @Test
    void theHandoverStaysAtNineLocalAcrossDaylightSavingTime() {
        // Clocks go forward on Sunday 29 March 2026 in Paris; Monday 30 March 09:00 is a handover.
        long weeks = Duration.between(START, LocalDateTime.of(2026, 3, 30, 9, 0)).toDays() / 7;
        String expected = List.of("alice", "bob", "carol").get((int) (weeks % 3));
        String before = List.of("alice", "bob", "carol").get((int) ((weeks - 1) % 3));
        assertThat(weekly.at(paris(2026, 3, 30, 8, 59)).primary()).isEqualTo(before);
        assertThat(weekly.at(paris(2026, 3, 30, 9, 0)).primary()).isEqualTo(expected);
    }

    @Test
    void anOverrideTakesThePrimarySlotAndTheRegularPrimaryBecomesBackup() {
        OnCall withSwap = new OnCall(List.of("alice", "bob", "carol"), PARIS, START, Duration.ofDays(7),
                List.of(new OnCall.Override(LocalDateTime.of(2026, 1, 6, 18, 0), LocalDateTime.of(2026, 1, 7, 9, 0),
                        "carol")));
        assertThat(withSwap.at(paris(2026, 1, 6, 17, 59))).isEqualTo(new OnCall.Shift("alice", Optional.of("bob")));
        assertThat(withSwap.at(paris(2026, 1, 6, 18, 0))).isEqualTo(new OnCall.Shift("carol", Optional.of("alice")));
        assertThat(withSwap.at(paris(2026, 1, 7, 9, 0))).isEqualTo(new OnCall.Shift("alice", Optional.of("bob")));
    }

    @Test
    void anOverrideByTheRegularBackupKeepsTheBackupDistinct() {
        OnCall withSwap = new OnCall(List.of("alice", "bob"), PARIS, START, Duration.ofDays(7),
                List.of(new OnCall.Override(START, START.plusDays(1), "alice")));
        assertThat(withSwap.at(paris(2026, 1, 5, 10, 0))).isEqualTo(new OnCall.Shift("alice", Optional.of("bob")));
    }

    @Test
    void aRotationOfOneHasNoBackup() {
        OnCall alone = new OnCall(List.of("alice"), PARIS, START, Duration.ofDays(7), List.of());
        assertThat(alone.at(paris(2026, 2, 1, 0, 0))).isEqualTo(new OnCall.Shift("alice", Optional.empty()));
    }

    @Test
    void anEmptyRotationIsAConfigurationError() {
        assertThatThrownBy(() -> new OnCall(List.of(), PARIS, START, Duration.ofDays(7), List.of()))
                .hasMessageContaining("at least one person");
    }

    private static java.time.Instant paris(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, PARIS).toInstant();
    }
}
