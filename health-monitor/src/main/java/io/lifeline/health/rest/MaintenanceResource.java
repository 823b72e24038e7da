package io.lifeline.health.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.lifeline.health.maintenance.MaintenanceService;
import io.smallrye.mutiny.Uni;

/** Maintenance windows: anyone may read them; declaring or ending one needs an operator. */
@Path("/maintenance")
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {

    private final MaintenanceService maintenance;
    private final JsonWebToken jwt;
    private final Clock clock;

    public MaintenanceResource(MaintenanceService maintenance, JsonWebToken jwt, Clock clock) {
        this.maintenance = maintenance;
        this.jwt = jwt;
        this.clock = clock;
    }

    /** @param startsAt default now */
    public record Declaration(@NotEmpty List<@NotBlank String> components, Instant startsAt,
            @NotNull Instant endsAt, @NotBlank String reason) {
    }

    @GET
    @Operation(summary = "Maintenance windows open now or declared for later")
    public List<MaintenanceService.Window> list() {
        return maintenance.windows();
    }

    @POST
    @RolesAllowed("operator")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Declare a maintenance window: failures of its components open no incident")
    public Uni<MaintenanceService.Window> declare(@Valid @NotNull Declaration declaration) {
        Instant now = clock.instant();
        Instant start = declaration.startsAt() == null ? now : declaration.startsAt();
        if (!declaration.endsAt().isAfter(start) || !declaration.endsAt().isAfter(now)) {
            throw new BadRequestException("endsAt must be after startsAt and in the future");
        }
        return maintenance.declare(declaration.components(), start, declaration.endsAt(), declaration.reason(),
                jwt.getName());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("operator")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "End a declared maintenance window now")
    public Uni<MaintenanceService.Window> cancel(@PathParam("id") String id) {
        return maintenance.cancel(id).orElseThrow(() -> new NotFoundException("no maintenance window '" + id + "'"));
    }
}
