package io.lifeline.restore.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.RestoreRequested;
import io.lifeline.restore.service.RestoreService;
import io.smallrye.mutiny.Uni;

/**
 * {@code restore.requested}: starts a restore. A re-delivered event (same {@code ce_id}) is skipped,
 * and the same request id twice is one restore whatever the event; a refused request (target not
 * allowed, another restore running) becomes a {@code restore.failed}; an unreadable record goes to
 * {@code dlq.restore-service}, a database that is away is waited for ({@link UntilHandled}).
 */
@ApplicationScoped
public class RestoreRequestConsumer {

    public static final String RESTORE_REQUESTED = "restore-requested";
    private static final Logger LOG = Logger.getLogger(RestoreRequestConsumer.class);

    private final RestoreService restores;

    public RestoreRequestConsumer(RestoreService restores) {
        this.restores = restores;
    }

    @Incoming(RESTORE_REQUESTED)
    public Uni<Void> onRequest(ConsumerRecord<String, String> record) {
        return Uni.createFrom().item(() -> EventCodec.decode(EventTypes.RESTORE_REQUESTED, record.value()))
                .chain(request -> UntilHandled.run("restore.requested " + request.requestId(),
                        () -> handle(request, Delivery.of(record))));
    }

    private void handle(RestoreRequested request, Delivery delivery) {
        restores.request(new RestoreService.Request(request.requestId(), request.target(), request.selector(),
                request.incidentId(), request.requestedBy(), "event", false), delivery)
                .ifPresentOrElse(accepted -> LOG.infof("restore.requested %s → %s (%s)", request.requestId(),
                        accepted.record().restoreId(), accepted.outcome()),
                        () -> LOG.infof("restore.requested %s: event %s handled before, skipped", request.requestId(),
                                delivery.eventId()));
    }
}
