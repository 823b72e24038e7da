package io.lifeline.health.probe;

import java.time.Duration;
import java.util.concurrent.Callable;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Runs a short blocking check (a socket, a file system call) off the event loop, with a deadline. */
final class BlockingProbe {

    private BlockingProbe() {
    }

    static <T> Uni<T> run(Callable<T> check, Duration timeout) {
        return Uni.createFrom().item(() -> {
            try {
                return check.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout.plusMillis(500)).failWith(() -> new java.util.concurrent.TimeoutException(
                        "no answer within " + timeout.toMillis() + " ms"));
    }
}
