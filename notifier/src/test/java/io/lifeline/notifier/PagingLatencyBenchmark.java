package io.lifeline.notifier;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.notifier.receivers.Receivers;
import io.lifeline.testsupport.EventTopics;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Not part of the build (surefire runs {@code *Test} only): the benchmark, from
 * {@code incident.opened} acknowledged by Kafka to the PagerDuty request received by a receiver that
 * answers at once. Run it alone on an idle machine:
 * {@code mvn -B -o -pl notifier test -Dtest=PagingLatencyBenchmark -Dlifeline.bench.incidents=1000}.
 * Prints p50, p99 and max.
 */
@QuarkusTest
class PagingLatencyBenchmark {

    @Test
    void openedToPagerDutyRequest() {
        int count = Integer.getInteger("lifeline.bench.incidents", 1000);
        long pauseMillis = Long.getLong("lifeline.bench.pause-ms", 20);
        Receivers receivers = Receivers.fromConfig();
        Map<String, Instant> sentAt = new HashMap<>();
        try (EventTopics topics = EventTopics.fromConfig()) {
            // Warm-up: the first page pays for connection set-up and JIT.
            IncidentOpened warmUp = Incidents.opened("api", Severity.CRITICAL);
            Incidents.open(topics, warmUp);
            await().atMost(Duration.ofSeconds(60)).until(() -> !receivers.pagerDuty(warmUp.incidentId()).isEmpty());
            for (int i = 0; i < count; i++) {
                IncidentOpened opened = Incidents.opened("api", Severity.CRITICAL);
                Incidents.open(topics, opened);
                sentAt.put(opened.incidentId(), Instant.now());
                // Pacing the load (a steady arrival rate), not waiting for a result.
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(pauseMillis).toNanos());
            }
            List<Long> latencies = new ArrayList<>();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                latencies.clear();
                for (Receivers.Received r : receivers.all()) {
                    Instant sent = sentAt.get(r.dedupKey());
                    if (sent != null && r.action().equals("trigger")) {
                        latencies.add(Duration.between(sent, r.at()).toMillis());
                    }
                }
                return latencies.size() >= count;
            });
            latencies.sort(Long::compare);
            System.out.printf("PAGING LATENCY over %d incidents (one every %d ms): p50 %d ms, p99 %d ms, max %d ms%n",
                    count, pauseMillis, latencies.get(count / 2), latencies.get((int) Math.ceil(count * 0.99) - 1),
                    latencies.get(count - 1));
        }
    }
}
