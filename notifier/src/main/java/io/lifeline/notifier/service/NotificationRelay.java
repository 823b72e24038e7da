package io.lifeline.notifier.service;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.lifeline.events.notification.NotificationFailed;
import io.lifeline.events.notification.NotificationSent;
import io.lifeline.notifier.Notification;
import io.lifeline.notifier.client.Delivery;
import io.lifeline.notifier.client.PagerDutyClient;
import io.lifeline.notifier.client.SlackClient;
import io.lifeline.notifier.client.TicketClient;
import io.lifeline.notifier.config.NotifierConfig;
import io.lifeline.notifier.messaging.NotifierEventPublisher;
import io.lifeline.notifier.repository.NotificationRepository;
import io.lifeline.notifier.repository.NotificationRepository.Pending;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Relays the outbox: claims due rows (a lease, so a crash hands them to the next run), sends them,
 * publishes {@code notification.sent}/{@code failed}, then records the outcome. A crash between
 * sending and recording sends the row again: PagerDuty folds the repeat into the same alert (same
 * routing key and dedup key), so it is never a second page; a Slack post may be repeated once.
 */
@ApplicationScoped
public class NotificationRelay {

    private static final Logger LOG = Logger.getLogger(NotificationRelay.class);
    /** How long a shutdown waits for the run in progress (SIGTERM must stop the service within 10 s). */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);

    private final NotificationRepository outbox;
    private final PagerDutyClient pagerDuty;
    private final SlackClient slack;
    private final TicketClient tickets;
    private final NotifierEventPublisher events;
    private final Routing routing;
    private final MessageComposer compose;
    private final NotifierConfig config;
    private final Clock clock;
    private final Vertx vertx;

    private final AtomicBoolean running = new AtomicBoolean();
    // Off until the application has started: Reactive Messaging wires its emitters during startup,
    // and a run that sends and then cannot publish would only send again after its lease.
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    // Set on shutdown: no run starts after it. Before, tick() and kick() went on starting runs once a
    // second against the closed pool ("Pool closed [Error Occurred After Shutdown]") for as long as
    // the Kafka clients took to close (issue 17).
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile CompletableFuture<Void> current = CompletableFuture.completedFuture(null);

    record Attempt(Notification row, Delivery delivery) {
    }

    public NotificationRelay(NotificationRepository outbox, PagerDutyClient pagerDuty, SlackClient slack, TicketClient tickets,
            NotifierEventPublisher events, Routing routing, MessageComposer compose, NotifierConfig config,
            Clock clock, Vertx vertx) {
        this.outbox = outbox;
        this.pagerDuty = pagerDuty;
        this.slack = slack;
        this.tickets = tickets;
        this.events = events;
        this.routing = routing;
        this.compose = compose;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        started.set(true);
        kick();
    }

    /**
     * The run in progress finishes while the database and Kafka are still open (ShutdownEvent comes
     * before they close); one that cannot finish in time hands its rows back through their lease:
     * the next process (or the other replica) sends them when the lease ends, PagerDuty folding a
     * repeat into the same alert.
     */
    void onStop(@Observes ShutdownEvent event) {
        stopping.set(true);
        try {
            current.get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("stopping with an outbox relay run in progress: its rows are sent again when their lease ends");
        } catch (ExecutionException e) {
            // failed() has logged it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Scheduled(every = "${lifeline.notifier.relay.interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        kick();
    }

    /** Runs the relay now (after a commit that queued something); a run in progress runs once more instead. */
    public void kick() {
        if (!started.get() || stopping.get()) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        current = new CompletableFuture<>();
        // A fresh duplicated context, flagged safe: Hibernate Reactive keeps its session there, one per run.
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            try {
                drain().subscribe().with(done -> finish(), this::failed);
            } catch (RuntimeException e) {
                failed(e);
            }
        });
    }

    private void failed(Throwable failure) {
        LOG.errorf("outbox relay run failed (its rows are retried when their lease ends): %s", failure.toString());
        finish();
    }

    private void finish() {
        running.set(false);
        current.complete(null);
        if (again.getAndSet(false) && !stopping.get()) {
            kick();
        }
    }

    private Uni<Void> drain() {
        return relayOnce().chain(count -> count > 0 ? drain() : Uni.createFrom().voidItem());
    }

    /** One batch: claim, send, publish, record. Returns how many rows it handled. */
    Uni<Integer> relayOnce() {
        Instant now = clock.instant();
        NotifierConfig.Relay settings = config.relay();
        return Panache.withTransaction(() -> outbox.claim(now, now.plus(settings.lease()), settings.batchSize()))
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Attempt>> sends = rows.stream().map(this::deliver).toList();
                    return Uni.join().all(sends).andFailFast()
                            .call(this::publish)
                            .call(this::record)
                            .replaceWith(rows.size());
                });
    }

    private Uni<Attempt> deliver(Notification row) {
        Uni<Delivery> delivery = switch (row.channel) {
            case Notification.PAGERDUTY -> routing.routingKey(row.target)
                    .map(key -> pagerDuty.enqueue(key, row.body))
                    .orElseGet(() -> Uni.createFrom().item(Delivery.finalFailure(
                            "no PagerDuty routing key configured for " + row.target)));
            case Notification.SLACK -> webhook(row.target)
                    .map(url -> slack.post(url, row.body))
                    .orElseGet(() -> Uni.createFrom().item(Delivery.finalFailure(
                            "no webhook configured for Slack channel " + row.target)));
            case Notification.TICKET -> config.ticket().url()
                    .map(url -> tickets.create(url, row.body))
                    .orElseGet(() -> Uni.createFrom().item(Delivery.finalFailure("no ticket webhook configured")));
            case Notification.EVENT -> events.incidentEvent(row.target, row.body)
                    .replaceWith(Delivery.sent(null))
                    .onFailure().recoverWithItem(e -> Delivery.retry("kafka: " + e.getClass().getSimpleName(),
                            Optional.empty()));
            default -> Uni.createFrom().item(Delivery.finalFailure("unknown channel " + row.channel));
        };
        return delivery.map(d -> new Attempt(row, d));
    }

    private Optional<URI> webhook(String channel) {
        NotifierConfig.SlackChannel c = config.slack().channels().get(channel);
        return c == null ? Optional.empty() : c.webhookUrl();
    }

    /** notification.sent / notification.failed for every attempt on a person-facing channel. */
    private Uni<Void> publish(List<Attempt> attempts) {
        Instant now = clock.instant();
        List<Uni<Void>> sends = new ArrayList<>();
        for (Attempt a : attempts) {
            Notification row = a.row();
            if (Notification.EVENT.equals(row.channel)) {
                continue;
            }
            Delivery d = a.delivery();
            if (d.outcome() == Delivery.Outcome.SENT) {
                sends.add(events.sent(new NotificationSent(row.id, row.incidentId, row.channel, row.recipient,
                        d.externalId(), now)));
            } else {
                sends.add(events.failed(new NotificationFailed(row.id, row.incidentId, row.channel, row.recipient,
                        d.reason(), isFinal(a), now)));
            }
        }
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> record(List<Attempt> attempts) {
        Instant now = clock.instant();
        Map<String, Attempt> byId = attempts.stream()
                .collect(Collectors.toMap(a -> a.row().id, Function.identity()));
        return Panache.withTransaction(() -> outbox.byIds(List.copyOf(byId.keySet())).chain(rows -> {
            List<Pending> fallbacks = new ArrayList<>();
            for (Notification row : rows) {
                Attempt a = byId.get(row.id);
                Delivery d = a.delivery();
                row.lockedUntil = null;
                if (d.outcome() == Delivery.Outcome.SENT) {
                    row.status = Notification.Status.SENT;
                    row.externalId = d.externalId();
                    row.lastError = null;
                    row.finishedAt = now;
                } else if (!isFinal(a)) {
                    row.lastError = d.reason();
                    row.nextAttemptAt = now.plus(d.retryAfter().orElseGet(() -> backoff(row.attempts)));
                    LOG.warnf("notification %s (%s to %s) not delivered, attempt %d: %s; next at %s", row.id,
                            row.channel, row.recipient, row.attempts, d.reason(), row.nextAttemptAt);
                } else {
                    row.status = Notification.Status.FAILED;
                    row.lastError = d.reason();
                    row.finishedAt = now;
                    LOG.errorf("notification %s (%s to %s) failed for good: %s", row.id, row.channel, row.recipient,
                            d.reason());
                    fallback(row, d.reason()).ifPresent(fallbacks::add);
                }
            }
            return io.smallrye.mutiny.Multi.createFrom().iterable(fallbacks)
                    .onItem().transformToUniAndConcatenate(p -> outbox.enqueue(p, now))
                    .collect().asList().replaceWithVoid();
        }));
    }

    /** A final failure is reported through the fallback Slack channel, unless it was that channel that failed. */
    private Optional<Pending> fallback(Notification row, String reason) {
        String fallbackChannel = routing.fallbackSlackChannel();
        if (Notification.EVENT.equals(row.channel)
                || (Notification.SLACK.equals(row.channel) && fallbackChannel.equals(row.target))) {
            return Optional.empty();
        }
        String original = Notification.SLACK.equals(row.channel) ? compose.slackText(row.body) : null;
        return Optional.of(new Pending(row.incidentId, "fallback:" + row.channel + ":" + row.step, Notification.SLACK,
                fallbackChannel, routing.slackChannelName(fallbackChannel),
                compose.slackFallback(row.incidentId, row.channel, row.recipient, reason, original)));
    }

    private boolean isFinal(Attempt a) {
        return a.delivery().outcome() == Delivery.Outcome.FINAL
                || (a.delivery().outcome() == Delivery.Outcome.RETRY && a.row().attempts >= config.relay().maxAttempts());
    }

    Duration backoff(int attempts) {
        Duration initial = config.relay().initialBackoff();
        Duration max = config.relay().maxBackoff();
        int shift = Math.min(Math.max(attempts - 1, 0), 20);
        Duration next = initial.multipliedBy(1L << shift);
        return next.compareTo(max) > 0 ? max : next;
    }
}
