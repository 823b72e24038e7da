package io.lifeline.health.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lifeline.outbox.OutboxConfig;
import io.lifeline.outbox.OutboxSchema;
import io.lifeline.outbox.ReactiveOutbox;

/** Producers of the plain-Java collaborators, so tests and code share one clock. */
@ApplicationScoped
public class ServiceProducers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ReactiveOutbox outbox(OutboxConfig config, @ConfigProperty(name = "quarkus.application.name") String serviceName,
            Clock clock) {
        return new ReactiveOutbox(new OutboxSchema(config.schema()), serviceName, clock);
    }
}
