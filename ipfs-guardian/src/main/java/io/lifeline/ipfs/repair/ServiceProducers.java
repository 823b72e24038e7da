package io.lifeline.ipfs.repair;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.lifeline.events.incident.IncidentTracker;

@ApplicationScoped
public class ServiceProducers {

    @Produces
    @ApplicationScoped
    IncidentTracker incidentTracker() {
        return new IncidentTracker("ipfs-guardian", Clock.systemUTC());
    }
}
