package io.lifeline.health.rest;

import java.util.Collection;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.lifeline.events.health.ProbeResult;
import io.lifeline.health.service.ProbeService;
import io.lifeline.health.service.ProbeStatus;
import io.smallrye.mutiny.Uni;

@Path("/probes")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    private final ProbeService probes;

    public ProbeResource(ProbeService probes) {
        this.probes = probes;
    }

    @GET
    @Operation(summary = "Every configured probe with its component's current state")
    public Collection<ProbeStatus> list() {
        return probes.statuses().values();
    }

    /** Runs a probe at once (an operator checking a fix): may open or resolve an incident, hence the role. */
    @POST
    @Path("/{name}/run")
    @RolesAllowed("operator")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Run one probe now; its result counts like a scheduled one")
    public Uni<ProbeResult> run(@PathParam("name") String name) {
        return probes.runNow(name).orElseThrow(() -> new NotFoundException("no probe named '" + name
                + "'; configured probes: " + probes.statuses().keySet()));
    }
}
