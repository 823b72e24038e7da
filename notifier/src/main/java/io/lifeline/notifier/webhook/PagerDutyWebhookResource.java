package io.lifeline.notifier.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import io.lifeline.notifier.config.NotifierConfig;
import io.lifeline.notifier.service.IncidentService;
import io.lifeline.notifier.service.MessageComposer;
import io.lifeline.notifier.service.NotificationRelay;
import io.lifeline.rest.ErrorMappers.Problem;
import io.smallrye.mutiny.Uni;

/**
 * PagerDuty's V3 webhooks: someone acknowledged one of our alerts in PagerDuty → the incident is
 * acknowledged here (escalation stops, {@code incident.acknowledged} via {@code pagerduty}); resolved
 * in PagerDuty → said in Slack only, because Lifeline resolves incidents from health, not by hand.
 * The signature is the authentication (PagerDuty sends no bearer token). Answers: 503 without a
 * secret, 401 for a missing or wrong signature, 400 for a body that is not a webhook, else 202 —
 * also for an incident that is not ours (logged), so PagerDuty does not retry it for nothing.
 */
@Path("/webhooks/pagerduty")
public class PagerDutyWebhookResource {

    private static final Logger LOG = Logger.getLogger(PagerDutyWebhookResource.class);

    private final PagerDutyWebhook webhook;
    private final IncidentService incidents;
    private final NotificationRelay relay;

    public PagerDutyWebhookResource(NotifierConfig config, IncidentService incidents, NotificationRelay relay) {
        this.webhook = new PagerDutyWebhook(config.pagerduty().webhookSecret());
        this.incidents = incidents;
        this.relay = relay;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "PagerDuty V3 webhook (signed): incident.acknowledged acknowledges the incident here")
    public Uni<Response> receive(byte[] body, @HeaderParam("X-PagerDuty-Signature") String signature) {
        PagerDutyWebhook.Verdict verdict = webhook.check(body, signature);
        if (verdict instanceof PagerDutyWebhook.NotConfigured) {
            return problem(503, "PagerDuty webhooks are not configured here (no signing secret: set "
                    + "LIFELINE_PAGERDUTY_WEBHOOK_SECRET)");
        }
        if (verdict instanceof PagerDutyWebhook.BadSignature) {
            LOG.warn("PagerDuty webhook refused: missing or invalid X-PagerDuty-Signature");
            return problem(401, "missing or invalid X-PagerDuty-Signature");
        }
        if (verdict instanceof PagerDutyWebhook.Malformed malformed) {
            LOG.warnf("PagerDuty webhook refused: %s", malformed.reason());
            return problem(400, "not a PagerDuty V3 webhook: " + malformed.reason());
        }
        PagerDutyWebhook.Event event = ((PagerDutyWebhook.Valid) verdict).event();
        return switch (event.type()) {
            case "incident.acknowledged" -> acknowledged(event);
            case "incident.resolved" -> resolved(event);
            default -> accepted(event, "ignored", null);
        };
    }

    private Uni<Response> acknowledged(PagerDutyWebhook.Event event) {
        String incidentId = ours(event);
        if (incidentId == null) {
            return accepted(event, "not a Lifeline alert", null);
        }
        String by = event.agent() == null ? "pagerduty" : event.agent();
        return incidents.acknowledgeByPagerDuty(incidentId, by).map(result -> {
            switch (result) {
                case ACKNOWLEDGED -> {
                    LOG.infof("incident %s acknowledged in PagerDuty by %s (webhook event %s)", incidentId, by,
                            event.id());
                    relay.kick();
                    return answer(event, "acknowledged", incidentId);
                }
                case ALREADY_ACKNOWLEDGED -> {
                    return answer(event, "already acknowledged", incidentId);
                }
                case RESOLVED -> {
                    return answer(event, "already resolved", incidentId);
                }
                default -> {
                    LOG.infof("PagerDuty webhook event %s (%s) names incident %s, unknown here: ignored", event.id(),
                            event.type(), incidentId);
                    return answer(event, "unknown incident", incidentId);
                }
            }
        });
    }

    private Uni<Response> resolved(PagerDutyWebhook.Event event) {
        String incidentId = ours(event);
        if (incidentId == null) {
            return accepted(event, "not a Lifeline alert", null);
        }
        String what = "resolved in PagerDuty" + (event.agent() == null ? "" : " by " + event.agent())
                + "; Lifeline resolves the incident itself when its signal clears";
        return incidents.story(incidentId, "pagerduty-resolved:" + event.id(), what).map(queued -> {
            if (queued) {
                relay.kick();
            } else {
                LOG.infof("PagerDuty webhook event %s (incident.resolved) for incident %s: nothing to post "
                        + "(unknown here, no Slack for it, or seen before)", event.id(), incidentId);
            }
            return answer(event, queued ? "noted" : "nothing to do", incidentId);
        });
    }

    /** Our dedup keys are the incident id, or {@code <id>#L<level>} for an escalation level's alert. */
    private static String ours(PagerDutyWebhook.Event event) {
        if (event.incidentKey() == null) {
            LOG.infof("PagerDuty webhook event %s (%s) carries no incident key: not a Lifeline alert, ignored",
                    event.id(), event.type());
            return null;
        }
        return MessageComposer.incidentIdOf(event.incidentKey());
    }

    private static Uni<Response> accepted(PagerDutyWebhook.Event event, String outcome, String incidentId) {
        return Uni.createFrom().item(answer(event, outcome, incidentId));
    }

    private static Response answer(PagerDutyWebhook.Event event, String outcome, String incidentId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("event", event.id());
        body.put("type", event.type());
        body.put("outcome", outcome);
        if (incidentId != null) {
            body.put("incidentId", incidentId);
        }
        return Response.accepted(body).type(MediaType.APPLICATION_JSON).build();
    }

    private static Uni<Response> problem(int status, String reason) {
        return Uni.createFrom().item(Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(status, reason)).build());
    }
}
