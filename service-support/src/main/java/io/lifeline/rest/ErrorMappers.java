package io.lifeline.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every 4xx of every Lifeline service says why, as JSON an operator or a script can read. */
public class ErrorMappers {

    public record Problem(int status, String error) {
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(status, e.getMessage())).build();
    }
}
