package io.lifeline.restore.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.events.EventJson;
import io.lifeline.restore.drill.DrillService;
import io.lifeline.restore.repository.DrillRepository;
import io.smallrye.common.annotation.Blocking;

@Path("/drills")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DrillResource {

    private final DrillService drills;
    private final DrillRepository repository;

    public DrillResource(DrillService drills, DrillRepository repository) {
        this.drills = drills;
        this.repository = repository;
    }

    public record DrillRequest(String target) {
    }

    @POST
    @RolesAllowed("operator")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Run a restore drill now: latest backup into a scratch database, verified, dropped")
    public Response start(DrillRequest body) {
        String target = body != null && body.target() != null ? body.target()
                : drills.defaultTarget().orElseThrow(() -> new BadRequestException("name the target: {\"target\": ...}"));
        if (!drills.knows(target)) {
            throw new BadRequestException("target '" + target + "' is not in the restore allowlist");
        }
        String drillId = drills.start(target);
        return Response.accepted(Map.of("drillId", drillId, "target", target, "status", "running"))
                .header("Location", "/drills/" + drillId).build();
    }

    public record DrillView(String drillId, String target, String backupId, String status, Boolean success,
            JsonNode report) {
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A drill's status and, once completed, its drill.completed report")
    public DrillView get(@PathParam("id") String id) {
        DrillRepository.DrillRow row = repository.find(id).orElseThrow(() -> new NotFoundException("no drill '" + id + "'"));
        JsonNode report = null;
        if (row.report() != null) {
            try {
                report = EventJson.mapper().readTree(row.report());
            } catch (java.io.IOException e) {
                report = null;
            }
        }
        return new DrillView(row.drillId(), row.target(), row.backupId(), row.status(), row.success(), report);
    }

    @GET
    @Path("/{id}/report")
    @Produces("text/markdown")
    @Operation(summary = "The drill's report as Markdown (the plan's Document Results)")
    public Response report(@PathParam("id") String id) {
        DrillRepository.DrillRow row = repository.find(id).orElseThrow(() -> new NotFoundException("no drill '" + id + "'"));
        if (row.markdown() == null) {
            return Response.status(Response.Status.ACCEPTED).type("text/markdown")
                    .entity("# Drill " + id + "\n\nStill running.\n").build();
        }
        return Response.ok(row.markdown(), "text/markdown; charset=utf-8").build();
    }
}
