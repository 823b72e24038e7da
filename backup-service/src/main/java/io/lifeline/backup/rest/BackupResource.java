package io.lifeline.backup.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.lifeline.backup.catalog.CatalogService;
import io.lifeline.archive.manifest.Verification;
import io.lifeline.backup.retention.RetentionPolicy;
import io.lifeline.backup.retention.RetentionService;
import io.lifeline.backup.service.BackupService;
import io.lifeline.events.backup.BackupRequested;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

@Path("/backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupResource {

    private final BackupService backups;
    private final CatalogService catalog;
    private final RetentionService retention;

    public BackupResource(BackupService backups, CatalogService catalog, RetentionService retention) {
        this.backups = backups;
        this.catalog = catalog;
        this.retention = retention;
    }

    public record BackupRequest(@NotBlank String database, String requestId) {
    }

    @POST
    @RolesAllowed("operator")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Start a backup now (or join the one running for that database)")
    public Uni<Response> start(@Valid BackupRequest request) {
        if (request == null) {
            throw new BadRequestException("a JSON body {\"database\": \"...\"} is required");
        }
        if (!backups.knows(request.database())) {
            throw new BadRequestException("unknown database '" + request.database() + "'");
        }
        return backups.request(request.database(), request.requestId(), BackupRequested.TRIGGER_REST)
                .map(a -> Response.accepted(a).header("Location", "/backups/" + a.backupId()).build());
    }

    @GET
    @Operation(summary = "Backups, newest first")
    public Uni<List<BackupView>> list(@QueryParam("database") String database,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return catalog.list(database, Math.max(1, Math.min(limit, 1000)))
                .map(all -> all.stream().map(r -> BackupView.of(r, backups.running(r.backupId).orElse(null))).toList());
    }

    @GET
    @Path("/latest")
    @Operation(summary = "The newest verified backup of a database")
    public Uni<BackupView> latest(@QueryParam("database") String database) {
        if (database == null || database.isBlank()) {
            throw new BadRequestException("the query parameter 'database' is required");
        }
        return catalog.latestVerified(database).map(r -> {
            if (r == null) {
                throw new NotFoundException("no verified backup of '" + database + "' in the catalog");
            }
            return BackupView.of(r, null);
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One backup, with live progress while it runs")
    public Uni<BackupView> get(@PathParam("id") String id) {
        return catalog.byId(id).map(r -> {
            if (r == null) {
                throw new NotFoundException("no backup '" + id + "'");
            }
            return BackupView.of(r, backups.running(id).orElse(null));
        });
    }

    @POST
    @Path("/{id}/verify")
    @RolesAllowed("operator")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Read a stored backup back from every location and check it")
    public Uni<Verification> verify(@PathParam("id") String id) {
        return catalog.byId(id).chain(r -> {
            if (r == null || r.manifest == null) {
                throw new NotFoundException("no completed backup '" + id + "'");
            }
            return backups.verifyAgain(r);
        });
    }

    @POST
    @Path("/catalog/rebuild")
    @RolesAllowed("operator")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Rebuild the catalog from the manifests in S3 and on disk alone")
    public Uni<Map<String, Integer>> rebuild() {
        return backups.rebuildCatalog().map(n -> Map.of("backups", n));
    }

    @POST
    @Path("/retention")
    @RolesAllowed("operator")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Apply retention now; dryRun=true only lists what would be deleted")
    public Uni<List<RetentionPolicy.Deletion>> retention(@QueryParam("database") String database,
            @QueryParam("dryRun") @DefaultValue("true") boolean dryRun) {
        return Uni.createFrom().item(() -> retention.apply(database, dryRun))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
