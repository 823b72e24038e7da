package io.lifeline.contract.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.lifeline.contract.config.WatchList;
import io.lifeline.contract.pause.PauseService;
import io.lifeline.contract.rules.StateSnapshot;
import io.lifeline.contract.scan.ChainScanner;
import io.lifeline.contract.scan.StateChecker;
import io.lifeline.contract.store.GuardianStore;
import io.lifeline.contract.store.OnWorker;

/** What is watched and how far, the pause attempts, and the two human actions: approve a pause, unpause. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class GuardianResource {

    private final WatchList watchList;
    private final StateChecker state;
    private final ChainScanner scanner;
    private final PauseService pauses;
    private final GuardianStore store;
    private final JsonWebToken jwt;

    public GuardianResource(WatchList watchList, StateChecker state, ChainScanner scanner, PauseService pauses,
            GuardianStore store, JsonWebToken jwt) {
        this.watchList = watchList;
        this.state = state;
        this.scanner = scanner;
        this.pauses = pauses;
        this.store = store;
        this.jwt = jwt;
    }

    @GET
    @Path("/contracts")
    @Operation(summary = "Watched contracts with their last state read")
    public List<ContractView> contracts() {
        Map<String, StateSnapshot> latest = state.latest();
        return watchList.all().stream().map(w -> {
            StateSnapshot s = latest.get(w.name());
            return new ContractView(w.name(), w.address(), w.pausable(), w.token().orElse(null),
                    s == null ? null : s.blockNumber(), s == null ? Map.of() : s.getters(),
                    s == null ? null : s.tokenBalance().map(Object::toString).orElse(null),
                    s == null ? null : s.codeHash());
        }).toList();
    }

    @GET
    @Path("/status")
    @Operation(summary = "Scanner progress: head, cursor, lag, failures")
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("head", scanner.head());
        status.put("cursor", scanner.cursorBlock());
        status.put("lagBlocks", scanner.lagBlocks());
        status.put("headAgeSeconds", scanner.headAge().map(d -> d.toSeconds()).orElse(null));
        status.put("logsScanned", scanner.logsScanned());
        status.put("consecutiveFailures", scanner.consecutiveFailures());
        status.put("lastSuccess", scanner.lastSuccess().map(Object::toString).orElse(null));
        status.put("lastError", scanner.lastError().orElse(null));
        return status;
    }

    @GET
    @Path("/pauses")
    @Operation(summary = "Pause and unpause attempts, newest first")
    public List<PauseView> pauses(@QueryParam("contract") String contract) {
        return OnWorker.await(() -> store.pauseAttempts(contract)).stream().map(PauseView::of).toList();
    }

    @GET
    @Path("/pauses/{id}")
    public PauseView pause(@PathParam("id") String id) {
        var attempt = OnWorker.await(() -> store.pauseAttempt(id));
        if (attempt == null) {
            throw new NotFoundException("no pause attempt " + id);
        }
        return PauseView.of(attempt);
    }

    @POST
    @Path("/pauses/{id}/approve")
    @RolesAllowed({ "approver", "operator" })
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Approve a pause waiting for approval: reads paused(), simulates, sends, waits for the receipt")
    public PauseView approve(@PathParam("id") String id) {
        try {
            return PauseView.of(pauses.approve(id, who()));
        } catch (PauseService.NotFound e) {
            throw new NotFoundException(e.getMessage());
        } catch (PauseService.Conflict e) {
            throw new WebApplicationException(e.getMessage(), Response.Status.CONFLICT);
        }
    }

    @POST
    @Path("/contracts/{name}/unpause")
    @RolesAllowed({ "approver", "operator" })
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Unpause (never automatic): recorded with who asked; refused when the guardian's key may not")
    public Response unpause(@PathParam("name") String name) {
        try {
            PauseView attempt = PauseView.of(pauses.unpause(name, who()));
            int status = "confirmed".equals(attempt.status()) || "dry-run".equals(attempt.status()) ? 200 : 409;
            return Response.status(status).entity(attempt).build();
        } catch (PauseService.NotFound e) {
            throw new NotFoundException(e.getMessage());
        } catch (PauseService.Conflict e) {
            throw new WebApplicationException(e.getMessage(), Response.Status.CONFLICT);
        }
    }

    private String who() {
        String name = jwt.getName();
        return name == null || name.isBlank() ? jwt.getSubject() : name;
    }
}
