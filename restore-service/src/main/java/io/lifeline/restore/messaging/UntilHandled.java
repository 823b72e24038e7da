package io.lifeline.restore.messaging;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A consumer's work on a valid event, retried with backoff until it goes through. Once a record
 * decoded, a failure to act on it (Lifeline's database away, a connection dropped) says nothing about
 * the record, so it is never dead-lettered: the partition waits, in order, and the offset is committed
 * only after the work. Only a record that fails decoding, before any work, is nacked and goes to the
 * channel's dead-letter topic.
 */
final class UntilHandled {

    private static final Logger LOG = Logger.getLogger(UntilHandled.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private UntilHandled() {
    }

    /** {@code work} is blocking (JDBC): it runs on a worker thread, never on the connector's event loop. */
    static Uni<Void> run(String what, Runnable work) {
        return Uni.createFrom().voidItem().invoke(work)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().invoke(e -> LOG.warnf("%s not handled yet, retrying: %s", what, e.getMessage()))
                .onFailure().retry().withBackOff(FIRST_RETRY, LAST_RETRY).indefinitely();
    }
}
