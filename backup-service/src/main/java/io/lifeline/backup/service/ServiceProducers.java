package io.lifeline.backup.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.lifeline.archive.manifest.ManifestCodec;
import io.lifeline.events.incident.IncidentTracker;

/** The plain-Java collaborators, produced once so that code and tests share one clock. */
@ApplicationScoped
public class ServiceProducers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Plain Java (backup-archive, shared with restore-service), so produced here. */
    @Produces
    @Singleton
    ManifestCodec manifestCodec() {
        return new ManifestCodec();
    }

    @Produces
    @Singleton
    IncidentTracker incidentTracker(Clock clock) {
        return new IncidentTracker("backup-service", clock);
    }
}
