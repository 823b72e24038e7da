package io.lifeline.health.rest;

import java.util.Collection;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lifeline.health.rpo.BackupWatch;
import io.lifeline.health.rpo.DrillWatch;

@Path("/backups")
@Produces(MediaType.APPLICATION_JSON)
public class FreshnessResource {

    private final BackupWatch backups;
    private final DrillWatch drills;

    public FreshnessResource(BackupWatch backups, DrillWatch drills) {
        this.backups = backups;
        this.drills = drills;
    }

    @GET
    @Path("/freshness")
    @Operation(summary = "The newest verified backup of each database, its age against the RPO, the last start and failure")
    public Collection<BackupWatch.Freshness> list() {
        return backups.all().values();
    }

    @GET
    @Path("/drills")
    @Operation(summary = "The last successful restore drill and the last drill at all")
    public DrillWatch.LastDrill drills() {
        return drills.last();
    }
}
