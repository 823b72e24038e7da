package io.lifeline.restore.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
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

import io.lifeline.events.restore.BackupSelector;
import io.lifeline.restore.RestoreRecord;
import io.lifeline.restore.service.RestoreService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

@Path("/restores")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RestoreResource {

    private final RestoreService restores;
    private final SecurityIdentity identity;

    public RestoreResource(RestoreService restores, SecurityIdentity identity) {
        this.restores = restores;
        this.identity = identity;
    }

    /**
     * @param backupId shorthand for a selector of kind {@code id}
     * @param selector {@code {"kind": "id" | "latest-verified" | "latest-before", "backupId": ..., "before": ...}};
     *                 default latest-verified
     */
    public record RestoreRequest(String target, String requestId, String backupId, SelectorBody selector,
            String incidentId, Boolean approvalRequired) {
    }

    public record SelectorBody(String kind, String backupId, Instant before) {
    }

    public record Accepted(String restoreId, String requestId, String target, String status, String outcome) {
    }

    @POST
    @RolesAllowed("operator")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Restore a target from a backup (verified first, restored beside it, then swapped)")
    public Response start(RestoreRequest body) {
        if (body == null || body.target() == null || body.target().isBlank()) {
            throw new BadRequestException("a JSON body {\"target\": \"...\"} is required");
        }
        BackupSelector selector;
        try {
            selector = body.selector() != null
                    ? new BackupSelector(body.selector().kind(), body.selector().backupId(), body.selector().before())
                    : body.backupId() != null ? BackupSelector.id(body.backupId()) : BackupSelector.latestVerified();
        } catch (RuntimeException e) {
            throw new BadRequestException("invalid selector: " + e.getMessage());
        }
        RestoreService.Accepted a = restores.request(new RestoreService.Request(body.requestId(), body.target(),
                selector, body.incidentId(), identity.getPrincipal().getName(), "rest",
                Boolean.TRUE.equals(body.approvalRequired())));
        Accepted view = new Accepted(a.record().restoreId(), a.record().requestId(), a.record().target(),
                a.record().status(), a.outcome().name().toLowerCase().replace('_', '-'));
        return switch (a.outcome()) {
            case REFUSED_TARGET_NOT_ALLOWED -> throw new BadRequestException(a.record().reason());
            case REFUSED_ALREADY_RUNNING -> throw new ClientErrorException(a.record().reason(), Response.Status.CONFLICT);
            default -> Response.accepted(view).header("Location", "/restores/" + view.restoreId()).build();
        };
    }

    @GET
    @Operation(summary = "Recent restores, newest first")
    public List<RestoreView> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return restores.recent(Math.max(1, Math.min(limit, 500))).stream().map(RestoreView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A restore's status, stage, timings and outcome")
    public RestoreView get(@PathParam("id") String id) {
        return restores.find(id).map(RestoreView::of)
                .orElseThrow(() -> new NotFoundException("no restore '" + id + "'"));
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed("approver")
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Approve a restore that waits for approval; the approver is recorded")
    public Map<String, String> approve(@PathParam("id") String id) {
        String approver = identity.getPrincipal().getName();
        return switch (restores.approve(id, approver)) {
            case APPROVED -> Map.of("restoreId", id, "status", RestoreRecord.QUEUED, "approvedBy", approver);
            case NOT_FOUND -> throw new NotFoundException("no restore '" + id + "'");
            case NOT_WAITING -> throw new ClientErrorException("restore " + id + " is not waiting for approval",
                    Response.Status.CONFLICT);
        };
    }
}
