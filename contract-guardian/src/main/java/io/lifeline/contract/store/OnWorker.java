package io.lifeline.contract.store;

import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Lets the blocking scanner (a worker thread doing JSON-RPC) use Hibernate Reactive and Kafka emitters. */
public final class OnWorker {

    private OnWorker() {
    }

    /** Runs the work on a Vert.x context and waits for its result (null for {@code Uni<Void>}). */
    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
