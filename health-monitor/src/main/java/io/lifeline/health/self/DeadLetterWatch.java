package io.lifeline.health.self;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lifeline.events.incident.FailureReport;
import io.lifeline.events.incident.Signal;
import io.lifeline.health.config.HealthMonitorConfig;
import io.lifeline.health.service.IncidentService;
import io.lifeline.health.service.Readiness;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every record on a {@code dlq.*} topic is an event some service could never handle: an incident
 * ({@code dlq.<service>/dead-letter}, high) naming the topic, the reason and how many have come. Later
 * records update it at most once a minute (a burst is one story, not a page each); it is resolved
 * after {@code dead-letter-quiet} without a new one. The records stay on the topic to be looked at.
 */
@ApplicationScoped
public class DeadLetterWatch {

    public static final String KIND = "dead-letter";
    private static final Duration UPDATE_AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(DeadLetterWatch.class);

    private final HealthMonitorConfig.Self config;
    private final IncidentService incidents;
    private final Readiness readiness;
    private final Clock clock;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();

    /** What one dead-letter topic has shown since the monitor started. */
    private static final class Topic {
        long count;
        Instant lastAt;
        Instant reportedAt;
    }

    public DeadLetterWatch(HealthMonitorConfig config, IncidentService incidents, Readiness readiness, Clock clock) {
        this.config = config.self();
        this.incidents = incidents;
        this.readiness = readiness;
        this.clock = clock;
    }

    /**
     * One dead letter: {@code reason} and {@code originalTopic} from the headers the connector's
     * dead-letter strategy writes ({@code dead-letter-reason}, {@code dead-letter-topic}).
     */
    public Uni<Void> deadLetter(String topic, String reason, String originalTopic, long offset) {
        Instant now = clock.instant();
        Topic seen = topics.computeIfAbsent(topic, t -> new Topic());
        boolean report;
        long count;
        synchronized (seen) {
            seen.count++;
            seen.lastAt = now;
            count = seen.count;
            boolean open = incidents.find(topic, KIND).isPresent();
            report = !open || seen.reportedAt == null
                    || Duration.between(seen.reportedAt, now).compareTo(UPDATE_AT_MOST_EVERY) >= 0;
            if (report) {
                seen.reportedAt = now;
            }
        }
        LOG.warnf("dead letter on %s (from %s, offset %d): %s", topic, originalTopic, offset, reason);
        if (!report) {
            return Uni.createFrom().voidItem();
        }
        String summary = String.format("%d record(s) on %s that %s could never handle; last from %s: %s", count, topic,
                topic.startsWith("dlq.") ? topic.substring(4) : "a service", originalTopic, reason);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("topic", topic);
        detail.put("count", count);
        detail.put("reason", reason);
        detail.put("originalTopic", originalTopic);
        detail.put("offset", offset);
        return incidents.raise(new FailureReport(topic, KIND, config.deadLetterSeverity(), summary,
                new Signal("dead-letter", "health-monitor/dead-letters", now, detail), null));
    }

    @Scheduled(every = "${lifeline.health.self.check-interval:5s}", identity = "dead-letter-watch",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledCheck() {
        if (!readiness.started()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        List<String> quiet = incidents.open().stream().filter(i -> i.kind().equals(KIND)).map(i -> i.component())
                .filter(topic -> {
                    Topic seen = topics.get(topic);
                    Instant last = seen == null ? null : seen.lastAt;
                    // Unseen since a restart: the quiet period counts from the start.
                    Instant from = last != null ? last : readiness.startedAt();
                    return from != null && Duration.between(from, now).compareTo(config.deadLetterQuiet()) >= 0;
                }).toList();
        return Multi.createFrom().iterable(quiet)
                .onItem().transformToUniAndConcatenate(topic -> incidents.clear(topic, KIND,
                        "no new dead letter for " + config.deadLetterQuiet().toMinutes() + " min"))
                .collect().last().replaceWithVoid()
                .onFailure().invoke(e -> LOG.errorf(e, "dead-letter watch failed")).onFailure().recoverWithNull();
    }
}
