package io.lifeline.health.service;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;

/**
 * Scheduled jobs wait for this: the application fully started (channels connected to Kafka),
 * which happens after the state was restored.
 */
@ApplicationScoped
public class Readiness {

    private volatile boolean started;
    private volatile java.time.Instant startedAt;

    void onStarted(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        startedAt = java.time.Instant.now();
        started = true;
    }

    public boolean started() {
        return started;
    }

    /** When it started; null before. */
    public java.time.Instant startedAt() {
        return startedAt;
    }
}
