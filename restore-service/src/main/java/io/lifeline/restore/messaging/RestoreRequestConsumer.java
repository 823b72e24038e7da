package io.lifeline.restore.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.restore.RestoreRequested;
import io.lifeline.restore.service.RestoreService;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code restore.requested}: starts a restore. Idempotent by request id (a redelivery joins the
 * first); a refused request (target not allowed, another restore running) becomes a
 * {@code restore.failed}; an unreadable record goes to {@code dlq.restore-service}.
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
    @Blocking
    public void onRequest(String json) {
        RestoreRequested request = EventCodec.decode(EventTypes.RESTORE_REQUESTED, json);
        RestoreService.Accepted accepted = restores.request(new RestoreService.Request(request.requestId(),
                request.target(), request.selector(), request.incidentId(), request.requestedBy(), "event", false));
        LOG.infof("restore.requested %s → %s (%s)", request.requestId(), accepted.record().restoreId(),
                accepted.outcome());
    }
}
