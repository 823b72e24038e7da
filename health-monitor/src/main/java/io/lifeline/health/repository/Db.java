package io.lifeline.health.repository;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs a reactive transaction from wherever a probe's answer arrived (an HTTP client thread, a worker):
 * Hibernate Reactive needs a safe Vert.x duplicated context, so each unit of work gets a fresh one.
 */
@ApplicationScoped
public class Db {

    private final Vertx vertx;

    public Db(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> Panache.withTransaction(work)
                    .subscribe().with(emitter::complete, emitter::fail));
        });
    }
}
