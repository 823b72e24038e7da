package io.lifeline.ipfs.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.ipfs.cid.Cid;
import io.lifeline.ipfs.cid.InvalidCidException;
import io.lifeline.ipfs.gateway.GatewayClient;
import io.lifeline.ipfs.gateway.GatewayHealth;
import io.lifeline.ipfs.inventory.CidRecord;
import io.lifeline.ipfs.inventory.CidStore;
import io.lifeline.ipfs.node.Vantages;
import io.lifeline.ipfs.repair.CheckPass;
import io.smallrye.common.annotation.Blocking;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class GuardianResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CheckPass pass;
    private final CidStore store;
    private final Vantages vantages;

    public GuardianResource(CheckPass pass, CidStore store, Vantages vantages) {
        this.pass = pass;
        this.store = store;
        this.vantages = vantages;
    }

    /** Runs a pass now and answers with its summary; 409 while another pass runs. */
    @POST
    @Path("checks/run")
    @RolesAllowed("operator")
    @Blocking
    public CheckPass.PassSummary run() {
        return pass.runIfIdle().orElseThrow(() -> new WebApplicationException(
                Response.status(409).type(MediaType.APPLICATION_JSON)
                        .entity(java.util.Map.of("error", "a check pass is already running")).build()));
    }

    /** What the last check found for one CID (any CID spelling: base58 v0, base32 or base58 v1). */
    @GET
    @Path("cids/{cid}")
    @Blocking
    public CidView cid(@PathParam("cid") String text) {
        String key;
        try {
            key = Cid.parse(text).toString();
        } catch (InvalidCidException e) {
            key = text;
        }
        CidRecord r = store.find(key);
        if (r == null) {
            throw new NotFoundException("CID " + key + " is not in the inventory");
        }
        return CidView.of(r);
    }

    @GET
    @Path("gateways")
    public List<GatewayHealth.Snapshot> gateways() {
        return vantages.gateways().stream().map(GatewayClient::health).map(GatewayHealth::snapshot).toList();
    }

    public record CidView(String cid, String songId, String role, String parentCid, String state, String detail,
                          int replicas, boolean nodePinned, List<String> foundAt, Instant lastCheckedAt,
                          Instant nextCheckAt, int consecutiveFailures, boolean incidentOpen) {

        static CidView of(CidRecord r) {
            List<String> found = List.of();
            if (r.foundAt != null) {
                try {
                    found = JSON.readValue(r.foundAt, new TypeReference<List<String>>() {
                    });
                } catch (java.io.IOException e) {
                    found = List.of();
                }
            }
            return new CidView(r.cid, r.songId, r.role, r.parentCid, r.state, r.detail, r.replicas, r.nodePinned,
                    found, r.lastCheckedAt, r.nextCheckAt, r.consecutiveFailures, r.incident != null);
        }
    }
}
