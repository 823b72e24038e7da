package io.lifeline.notifier.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Looks for incidents whose escalation time has come. The times live in PostgreSQL, so after a
 * restart the first run pages whatever fell due while the notifier was down.
 */
@ApplicationScoped
public class EscalationTimer {

    private final IncidentService incidents;
    private final NotificationRelay relay;

    public EscalationTimer(IncidentService incidents, NotificationRelay relay) {
        this.incidents = incidents;
        this.relay = relay;
    }

    @Scheduled(every = "${lifeline.notifier.escalation.interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> check() {
        return incidents.escalateDue(50).invoke(count -> {
            if (count > 0) {
                relay.kick();
            }
        }).replaceWithVoid();
    }
}
