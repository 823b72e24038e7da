package io.lifeline.health.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.service.ComponentState.Transition;

class ComponentStateTest {

    private final Instant t0 = Instant.parse("2026-11-27T02:00:00Z");
    private int tick;

    private ProbeResult ok() {
        return new ProbeResult("api", true, "200", 5, null, t0.plusSeconds(tick++));
    }

    private ProbeResult fail() {
        return new ProbeResult("api", false, "503", 5, "expected status 200, got 503", t0.plusSeconds(tick++));
    }

    @Test
    void degradesOnlyAfterNConsecutiveFailuresAndReportsWhenTheRunBegan() {
        ComponentState state = new ComponentState(3, 2);
        assertThat(state.record(fail())).isEqualTo(Transition.NONE);
        assertThat(state.record(fail())).isEqualTo(Transition.NONE);
        assertThat(state.record(fail())).isEqualTo(Transition.DEGRADED);
        assertThat(state.degradedSince()).isEqualTo(t0);
        assertThat(state.record(fail())).isEqualTo(Transition.NONE);
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        ComponentState state = new ComponentState(3, 2);
        state.record(fail());
        state.record(fail());
        state.record(ok());
        assertThat(state.record(fail())).isEqualTo(Transition.NONE);
        assertThat(state.record(fail())).isEqualTo(Transition.NONE);
        assertThat(state.degraded()).isFalse();
    }

    @Test
    void recoversOnlyAfterMConsecutiveSuccessesAndRemembersTheOutage() {
        ComponentState state = new ComponentState(2, 2);
        state.record(fail());
        state.record(fail());
        assertThat(state.record(ok())).isEqualTo(Transition.NONE);
        assertThat(state.record(fail())).isEqualTo(Transition.NONE);
        assertThat(state.record(ok())).isEqualTo(Transition.NONE);
        assertThat(state.record(ok())).isEqualTo(Transition.RECOVERED);
        assertThat(state.degraded()).isFalse();
        assertThat(state.lastOutageStart()).isEqualTo(t0);
    }

    @Test
    void keepsOnlyTheRecentResultsAsEvidence() {
        ComponentState state = new ComponentState(50, 1);
        for (int i = 0; i < 25; i++) {
            state.record(fail());
        }
        assertThat(state.recentResults()).hasSize(10);
        assertThat(state.recentResults().get(9).at()).isEqualTo(t0.plusSeconds(24));
    }

    @Test
    void countsItsFlipsWithinTheWindowOnly() {
        ComponentState state = new ComponentState(1, 1);
        state.record(fail()); // flip 1 at t0
        state.record(ok());   // flip 2 at t0+1
        state.record(fail()); // flip 3 at t0+2
        state.record(fail()); // no flip
        assertThat(state.flipsWithin(java.time.Duration.ofSeconds(10), t0.plusSeconds(5))).isEqualTo(3);
        assertThat(state.flipsWithin(java.time.Duration.ofSeconds(3), t0.plusSeconds(4))).isEqualTo(2);
        assertThat(state.lastFlip()).isEqualTo(t0.plusSeconds(2));
    }

    @Test
    void aRestoredStateKeepsItsOutageSoTheNextFailureIsNotANewDegradation() {
        ComponentState before = new ComponentState(2, 2);
        before.record(fail());
        before.record(fail());
        ComponentState after = ComponentState.restore(2, 2, before.snapshot());
        assertThat(after.degraded()).isTrue();
        assertThat(after.degradedSince()).isEqualTo(t0);
        assertThat(after.record(fail())).isEqualTo(Transition.NONE);
        assertThat(after.record(fail())).isEqualTo(Transition.NONE);
        after.record(ok());
        assertThat(after.record(ok())).isEqualTo(Transition.RECOVERED);
        assertThat(after.lastOutageStart()).isEqualTo(t0);
    }

    @Test
    void aShownResultIsEvidenceButNotCounted() {
        ComponentState state = new ComponentState(1, 1);
        state.show(fail());
        assertThat(state.degraded()).isFalse();
        assertThat(state.consecutiveFailures()).isZero();
        assertThat(state.last().ok()).isFalse();
    }
}
