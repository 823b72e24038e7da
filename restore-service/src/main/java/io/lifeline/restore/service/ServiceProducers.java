package io.lifeline.restore.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.events.incident.IncidentTracker;

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
}
