package io.lifeline.health.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Producers of the plain-Java collaborators, so tests and code share one clock. */
@ApplicationScoped
public class ServiceProducers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
