package io.lifeline.restore.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.events.incident.IncidentTracker;
import io.lifeline.outbox.JdbcOutbox;
import io.lifeline.outbox.OutboxConfig;
import io.lifeline.outbox.OutboxSchema;

/** The plain-Java collaborators, produced once. */
@ApplicationScoped
public class ServiceProducers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ManifestCodec manifestCodec() {
        return new ManifestCodec();
    }

    @Produces
    @Singleton
    IncidentTracker incidentTracker(Clock clock) {
        return new IncidentTracker("restore-service", clock);
    }

    @Produces
    @Singleton
    JdbcOutbox outbox(OutboxConfig config, @ConfigProperty(name = "quarkus.application.name") String serviceName,
            Clock clock) {
        return new JdbcOutbox(new OutboxSchema(config.schema()), serviceName, clock);
    }
}
