package io.lifeline.health.rest;

import java.util.Collection;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lifeline.health.service.BackupFreshness;

@Path("/backups/freshness")
@Produces(MediaType.APPLICATION_JSON)
public class FreshnessResource {

    private final BackupFreshness freshness;

    public FreshnessResource(BackupFreshness freshness) {
        this.freshness = freshness;
    }

    @GET
    @Operation(summary = "The newest verified backup of each database and its age")
    public Collection<BackupFreshness.Freshness> list() {
        return freshness.all().values();
    }
}
