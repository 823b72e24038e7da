package io.lifeline.health.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lifeline.health.service.ComponentStatus;
import io.lifeline.health.service.HeartbeatService;
import io.lifeline.health.service.ProbeService;

/** What the status page reads: every component, its state, since when, its open incidents and last results. */
@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    private final ProbeService probes;
    private final HeartbeatService heartbeat;
    private final Clock clock;

    public StatusResource(ProbeService probes, HeartbeatService heartbeat, Clock clock) {
        this.probes = probes;
        this.heartbeat = heartbeat;
        this.clock = clock;
    }

    /** @param overall {@code up} when every component is up, else the worst state seen */
    public record Status(Instant at, String monitor, String overall, List<ComponentStatus> components) {
    }

    @GET
    @Operation(summary = "Every component: state (up, degraded, flapping, unknown), since when, incidents, last results")
    public Status status() {
        List<ComponentStatus> components = probes.components();
        String overall = components.stream().map(ComponentStatus::state).anyMatch(ComponentStatus.DEGRADED::equals)
                ? ComponentStatus.DEGRADED
                : components.stream().map(ComponentStatus::state).anyMatch(ComponentStatus.FLAPPING::equals)
                        ? ComponentStatus.FLAPPING
                        : components.stream().allMatch(c -> c.state().equals(ComponentStatus.UP))
                                ? ComponentStatus.UP : ComponentStatus.UNKNOWN;
        return new Status(clock.instant(), heartbeat.instance(), overall, components);
    }
}
