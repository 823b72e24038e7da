package io.lifeline.events.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.SchemaValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IncidentTrackerTest {

    private static final Instant START = Instant.parse("2025-11-27T02:10:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final IncidentTracker tracker = new IncidentTracker("health-monitor", clock);

    @Test
    void sameFailureTwiceOpensOnceThenUpdatesTheSameIncident() {
        IncidentChange first = tracker.failure(apiDown(Severity.HIGH, "3 failures"));
        clock.advance(Duration.ofSeconds(30));
        IncidentChange second = tracker.failure(apiDown(Severity.HIGH, "5 failures"));

        assertThat(first).isInstanceOf(IncidentOpened.class);
        assertThat(second).isInstanceOf(IncidentUpdated.class);
        IncidentOpened opened = (IncidentOpened) first;
        IncidentUpdated updated = (IncidentUpdated) second;
        assertThat(opened.dedupKey()).isEqualTo("api/down");
        assertThat(opened.incidentId()).isEqualTo(IncidentTracker.incidentId("api/down", START));
        assertThat(opened.openedAt()).isEqualTo(START);
        assertThat(opened.raisedBy()).isEqualTo("health-monitor");
        assertThat(opened.runbookUrl()).isEqualTo("https://runbooks.example.org/api-down");
        assertThat(updated.incidentId()).isEqualTo(opened.incidentId());
        assertThat(updated.dedupKey()).isEqualTo(opened.dedupKey());
        assertThat(updated.occurrences()).isEqualTo(2);
        assertThat(updated.summary()).isEqualTo("5 failures");
        assertThat(updated.signals()).extracting(Signal::at).containsExactly(START, START.plusSeconds(30));
        assertThat(updated.updatedAt()).isEqualTo(START.plusSeconds(30));
        assertThat(updated.component()).isEqualTo("api");
        assertThat(tracker.open()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(opened.incidentId());
            assertThat(i.occurrences()).isEqualTo(2);
        });
    }

    @Test
    void changesNameTheirTopicKeyAndSubjectAndAreValidEvents() {
        IncidentChange opened = tracker.failure(apiDown(Severity.HIGH, "down"));
        IncidentChange updated = tracker.failure(apiDown(Severity.HIGH, "still down"));

        assertThat(opened.eventType()).isSameAs(EventTypes.INCIDENT_OPENED);
        assertThat(updated.eventType()).isSameAs(EventTypes.INCIDENT_UPDATED);
        assertThat(opened.key()).isEqualTo(opened.incidentId());
        assertThat(updated.key()).isEqualTo(opened.incidentId());
        assertThat(opened.subject()).isEqualTo("api");
        for (IncidentChange change : List.of(opened, updated)) {
            assertThat(SchemaValidator.validate(change.eventType(), EventCodec.encode(change))).isEmpty();
        }
        assertThat(IncidentChange.class.isSealed()).isTrue();
        assertThat(IncidentChange.class.getPermittedSubclasses())
                .containsExactlyInAnyOrder(IncidentOpened.class, IncidentUpdated.class);
    }

    @Test
    void recoveryResolvesTheOpenIncidentWithItsId() {
        IncidentOpened opened = (IncidentOpened) tracker.failure(apiDown(Severity.HIGH, "down"));
        clock.advance(Duration.ofMinutes(20));

        IncidentResolved resolved = tracker.recovered("api", "down", "api-http passes again").orElseThrow();

        assertThat(resolved.incidentId()).isEqualTo(opened.incidentId());
        assertThat(resolved.dedupKey()).isEqualTo("api/down");
        assertThat(resolved.resolvedBy()).isEqualTo("health-monitor");
        assertThat(resolved.resolvedAt()).isEqualTo(START.plus(Duration.ofMinutes(20)));
        assertThat(resolved.component()).isEqualTo("api");
        assertThat(tracker.open()).isEmpty();
    }

    @Test
    void recoveryWithNothingOpenResolvesNothing() {
        tracker.failure(apiDown(Severity.HIGH, "down"));

        assertThat(tracker.recovered("redis", "down", "pong")).isEmpty();
        assertThat(tracker.recovered("api", "http-5xx", "ok")).isEmpty();
        assertThat(tracker.recovered("api", "down", "ok")).isPresent();
        assertThat(tracker.recovered("api", "down", "ok again")).isEmpty();
    }

    @Test
    void aFailureAfterResolutionOpensANewIncident() {
        IncidentOpened first = (IncidentOpened) tracker.failure(apiDown(Severity.HIGH, "down"));
        clock.advance(Duration.ofMinutes(5));
        tracker.recovered("api", "down", "ok");
        clock.advance(Duration.ofMinutes(5));

        IncidentChange again = tracker.failure(apiDown(Severity.HIGH, "down again"));

        assertThat(again).isInstanceOf(IncidentOpened.class);
        assertThat(again.incidentId()).isNotEqualTo(first.incidentId());
        assertThat(again.dedupKey()).isEqualTo(first.dedupKey());
    }

    @Test
    void aReopenWithinTheSameMillisecondStillGetsANewId() {
        IncidentChange first = tracker.failure(apiDown(Severity.HIGH, "down"));
        tracker.recovered("api", "down", "flap");

        IncidentOpened second = (IncidentOpened) tracker.failure(apiDown(Severity.HIGH, "down"));

        assertThat(second.incidentId()).isNotEqualTo(first.incidentId());
        assertThat(second.openedAt()).isEqualTo(START.plusMillis(1));
        assertThat(second.incidentId()).isEqualTo(IncidentTracker.incidentId("api/down", second.openedAt()));
    }

    @Test
    void dedupKeyAndIncidentIdAreDeterministic() {
        assertThat(IncidentTracker.dedupKey(" API ", "Down\t")).isEqualTo("api/down");
        assertThat(IncidentTracker.dedupKey("api", "down")).isEqualTo(IncidentTracker.dedupKey("Api", "DOWN"));
        assertThat(IncidentTracker.dedupKey("api", "down")).isNotEqualTo(IncidentTracker.dedupKey("api", "slow"));

        String id = IncidentTracker.incidentId("api/down", START);
        assertThat(id).isEqualTo(IncidentTracker.incidentId("api/down", Instant.parse("2025-11-27T02:10:00.000900Z")))
                .startsWith("inc-")
                .hasSize(4 + 36)
                .isNotEqualTo(IncidentTracker.incidentId("api/down", START.plusMillis(1)))
                .isNotEqualTo(IncidentTracker.incidentId("redis/down", START));
        // Pinned: another JVM, another language, or next year's code must derive the same id.
        assertThat(id).isEqualTo("inc-" + java.util.UUID.nameUUIDFromBytes(
                "api/down@1764209400000".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> IncidentTracker.dedupKey(" ", "down")).hasMessage("component must not be blank");
    }

    @Test
    void twoTrackersAgreeOnTheIdOfTheSameFailure() {
        IncidentTracker other = new IncidentTracker("health-monitor", clock);

        assertThat(other.failure(apiDown(Severity.HIGH, "x")).incidentId())
                .isEqualTo(tracker.failure(apiDown(Severity.HIGH, "x")).incidentId());
    }

    @Test
    void restoredIncidentsAreUpdatedNotReopened() {
        IncidentOpened opened = (IncidentOpened) tracker.failure(apiDown(Severity.HIGH, "down"));
        tracker.failure(apiDown(Severity.HIGH, "down"));
        List<Incident> persisted = new ArrayList<>(tracker.open());

        IncidentTracker restarted = new IncidentTracker("health-monitor", clock);
        restarted.restore(persisted);
        clock.advance(Duration.ofMinutes(1));
        IncidentChange change = restarted.failure(apiDown(Severity.HIGH, "down after restart"));

        assertThat(change).isInstanceOf(IncidentUpdated.class);
        assertThat(change.incidentId()).isEqualTo(opened.incidentId());
        assertThat(((IncidentUpdated) change).occurrences()).isEqualTo(3);
        assertThat(restarted.recovered("api", "down", "ok")).map(IncidentResolved::incidentId)
                .contains(opened.incidentId());
    }

    @Test
    void restoreRefusesAnIncidentWhoseDedupKeyDoesNotMatch() {
        Incident wrong = new Incident("inc-1", "api/slow", Severity.HIGH, "api", "down", "x", List.of(), null, START,
                "health-monitor", 1, START);

        assertThatThrownBy(() -> tracker.restore(List.of(wrong))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("api/down");
    }

    @Test
    void severityRiseIsAnEscalationAndAFallIsIgnored() {
        tracker.failure(apiDown(Severity.HIGH, "slow"));

        IncidentUpdated rose = (IncidentUpdated) tracker.failure(apiDown(Severity.CRITICAL, "down"));
        IncidentUpdated fell = (IncidentUpdated) tracker.failure(apiDown(Severity.MEDIUM, "flaky"));

        assertThat(rose.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(fell.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(tracker.find("api", "down")).map(Incident::severity).contains(Severity.CRITICAL);
    }

    @Test
    void signalsAreCappedKeepingTheFirstAndTheLatest() {
        for (int i = 0; i < 30; i++) {
            tracker.failure(apiDown(Severity.HIGH, "failure " + i));
            clock.advance(Duration.ofSeconds(1));
        }

        Incident incident = tracker.find("api", "down").orElseThrow();

        assertThat(incident.occurrences()).isEqualTo(30);
        assertThat(incident.signals()).hasSize(IncidentTracker.MAX_SIGNALS);
        assertThat(incident.signals().get(0).at()).isEqualTo(START);
        assertThat(incident.signals().get(1).at()).isEqualTo(START.plusSeconds(11));
        assertThat(incident.signals().get(19).at()).isEqualTo(START.plusSeconds(29));
    }

    @Test
    void differentKindsOfTheSameComponentAreDifferentIncidents() {
        IncidentChange down = tracker.failure(apiDown(Severity.HIGH, "down"));
        IncidentChange errors = tracker.failure(new FailureReport("api", "http-5xx", Severity.MEDIUM, "5xx rate 12%",
                signal(START), null));

        assertThat(errors).isInstanceOf(IncidentOpened.class);
        assertThat(errors.incidentId()).isNotEqualTo(down.incidentId());
        assertThat(tracker.open()).hasSize(2);
    }

    @Test
    void concurrentReportsOfOneFailureOpenExactlyOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<IncidentChange>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return tracker.failure(apiDown(Severity.HIGH, "down"));
                }));
            }
            go.countDown();
            List<IncidentChange> changes = Collections.synchronizedList(new ArrayList<>());
            for (Future<IncidentChange> f : futures) {
                changes.add(f.get(10, TimeUnit.SECONDS));
            }

            assertThat(changes).filteredOn(c -> c instanceof IncidentOpened).hasSize(1);
            assertThat(changes).extracting(IncidentChange::incidentId).containsOnly(changes.get(0).incidentId());
            assertThat(changes).filteredOn(c -> c instanceof IncidentUpdated)
                    .extracting(c -> ((IncidentUpdated) c).occurrences())
                    .containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void openedEventRebuildsTheIncidentAsOpened() {
        IncidentOpened opened = (IncidentOpened) tracker.failure(apiDown(Severity.HIGH, "down"));

        assertThat(opened.incident()).isEqualTo(tracker.find("api", "down").orElseThrow());
        assertThat(IncidentOpened.of(opened.incident())).isEqualTo(opened);
    }

    private FailureReport apiDown(Severity severity, String summary) {
        return new FailureReport("api", "down", severity, summary, signal(clock.instant()),
                "https://runbooks.example.org/api-down");
    }

    private static Signal signal(Instant at) {
        return new Signal("probe.failed", "health-monitor/api-http", at, Map.of("httpStatus", 503));
    }

    /** A clock tests move by hand: no sleeps. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
