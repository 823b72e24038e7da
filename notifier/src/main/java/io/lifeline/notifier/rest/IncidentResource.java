package io.lifeline.notifier.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.lifeline.notifier.repository.IncidentRepository;
import io.lifeline.notifier.repository.NotificationRepository;
import io.lifeline.notifier.service.IncidentService;
import io.lifeline.notifier.service.NotificationRelay;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@Path("/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private final IncidentRepository incidents;
    private final NotificationRepository notifications;
    private final IncidentService service;
    private final NotificationRelay relay;

    public IncidentResource(IncidentRepository incidents, NotificationRepository notifications,
            IncidentService service, NotificationRelay relay) {
        this.incidents = incidents;
        this.notifications = notifications;
        this.service = service;
        this.relay = relay;
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "An incident's routing, acknowledgement, escalation and every notification about it")
    public Uni<IncidentView> get(@PathParam("id") String id) {
        return incidents.findById(id).chain(incident -> {
            if (incident == null) {
                throw new NotFoundException("no incident '" + id + "'");
            }
            return notifications.forIncident(id).map(list -> IncidentView.of(incident, list));
        });
    }

    /** Someone takes the incident: escalation stops, PagerDuty alerts are acknowledged. */
    @POST
    @Path("/{id}/ack")
    @RolesAllowed("operator")
    @WithSession
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Acknowledge an incident: stops its escalation and acknowledges its PagerDuty alerts")
    public Uni<IncidentView> acknowledge(@PathParam("id") String id, @Context SecurityContext security) {
        String by = security.getUserPrincipal().getName();
        return service.acknowledgeByApi(id, by).chain(result -> switch (result) {
            case NOT_FOUND -> throw new NotFoundException("no incident '" + id + "'");
            case RESOLVED -> throw new ClientErrorException("incident '" + id + "' is already resolved",
                    Response.Status.CONFLICT);
            case ACKNOWLEDGED, ALREADY_ACKNOWLEDGED -> {
                relay.kick();
                yield get(id);
            }
        });
    }
}
