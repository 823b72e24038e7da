package io.lifeline.notifier.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeline.events.EventJson;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.incident.Signal;
import io.lifeline.notifier.TrackedIncident;
import io.lifeline.notifier.config.NotifierConfig;

/**
 * The bodies the notifier sends, within each API's documented limits (PagerDuty Events API v2,
 * Slack Block Kit). None carries a secret: the routing key is added at send time, the Slack
 * webhook URL is the address, not the body.
 */
@ApplicationScoped
public class MessageComposer {

    /** PagerDuty: summary at most 1024 characters, dedup_key at most 255. */
    static final int PD_SUMMARY_MAX = 1024;
    static final int PD_DEDUP_KEY_MAX = 255;
    /** Slack: 3,000 characters per section text, 150 per header, 40,000 for text; 50 blocks. */
    static final int SLACK_SECTION_MAX = 3000;
    static final int SLACK_HEADER_MAX = 150;
    static final int SLACK_FIELD_MAX = 2000;
    static final int SLACK_TEXT_MAX = 40000;
    /** Signals listed in custom details: enough to see the pattern, far below the 512 KB limit. */
    static final int SIGNALS_SHOWN = 5;

    private final ObjectMapper json = EventJson.mapper();
    private final String source;
    private final String ticketTemplate;

    @Inject
    public MessageComposer(NotifierConfig config) {
        this(config.pagerduty().source(), config.ticket().template());
    }

    MessageComposer(String source, String ticketTemplate) {
        this.source = source;
        this.ticketTemplate = ticketTemplate;
    }

    /** The ticket webhook's body: the configured template with JSON-escaped values. */
    public String ticket(TrackedIncident incident, String roleName) {
        String body = ticketTemplate;
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("incidentId", incident.id);
        values.put("severity", incident.severity);
        values.put("component", incident.component);
        values.put("kind", incident.kind);
        values.put("summary", incident.summary);
        values.put("role", roleName);
        values.put("runbookUrl", incident.runbookUrl == null ? "none" : incident.runbookUrl);
        for (java.util.Map.Entry<String, String> v : values.entrySet()) {
            body = body.replace("{{" + v.getKey() + "}}", jsonEscape(v.getValue() == null ? "" : v.getValue()));
        }
        return body;
    }

    private String jsonEscape(String value) {
        try {
            String quoted = json.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Level 0 uses the incident id; each escalation level its own key so that PagerDuty opens a new alert. */
    public static String dedupKey(String incidentId, int level) {
        String key = level == 0 ? incidentId : incidentId + "#L" + level;
        return key.length() <= PD_DEDUP_KEY_MAX ? key : key.substring(0, PD_DEDUP_KEY_MAX);
    }

    /** The incident a dedup key of ours belongs to: {@code <id>} or {@code <id>#L<level>}. */
    public static String incidentIdOf(String dedupKey) {
        int mark = dedupKey.lastIndexOf("#L");
        if (mark > 0 && mark + 2 < dedupKey.length() && dedupKey.substring(mark + 2).chars().allMatch(Character::isDigit)) {
            return dedupKey.substring(0, mark);
        }
        return dedupKey;
    }

    public static String pagerDutySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
        };
    }

    public String pagerDutyTrigger(TrackedIncident incident, List<Signal> signals, Routing.Target target,
            String routingNote) {
        Severity severity = Severity.fromWireName(incident.severity);
        ObjectNode body = json.createObjectNode();
        body.put("event_action", "trigger");
        body.put("dedup_key", dedupKey(incident.id, target.level()));
        ObjectNode payload = body.putObject("payload");
        String prefix = target.level() == 0 ? "" : "[escalated to " + target.position() + "] ";
        payload.put("summary", cut(prefix + "[" + severity.wireName().toUpperCase(Locale.ROOT) + "] "
                + incident.component + ": " + incident.summary, PD_SUMMARY_MAX));
        payload.put("source", source + "/" + (incident.raisedBy == null ? "unknown" : incident.raisedBy));
        payload.put("severity", pagerDutySeverity(severity));
        payload.put("timestamp", (incident.openedAt == null ? Instant.now() : incident.openedAt).toString());
        payload.put("component", incident.component);
        payload.put("group", target.role());
        payload.put("class", incident.kind);
        ObjectNode details = payload.putObject("custom_details");
        details.put("incident_id", incident.id);
        details.put("dedup_key", incident.dedupKey);
        details.put("paged", target.describe());
        details.put("escalation_level", target.level());
        if (routingNote != null) {
            details.put("routing", routingNote);
        }
        if (incident.runbookUrl != null) {
            details.put("runbook", incident.runbookUrl);
        }
        ArrayNode shown = details.putArray("signals");
        List<Signal> recent = signals.size() <= SIGNALS_SHOWN ? signals
                : signals.subList(signals.size() - SIGNALS_SHOWN, signals.size());
        for (Signal s : recent) {
            ObjectNode n = shown.addObject();
            n.put("type", s.type());
            n.put("source", s.source());
            n.put("at", s.at().toString());
            n.set("detail", json.valueToTree(s.detail()));
        }
        if (incident.runbookUrl != null) {
            ArrayNode links = body.putArray("links");
            links.addObject().put("href", incident.runbookUrl).put("text", "Runbook");
        }
        body.put("client", "Lifeline notifier");
        return body.toString();
    }

    /** {@code acknowledge} or {@code resolve}: only the dedup key and the action (and the routing key, added at send). */
    public String pagerDutyFollowUp(String action, String dedupKey) {
        ObjectNode body = json.createObjectNode();
        body.put("event_action", action);
        body.put("dedup_key", dedupKey);
        return body.toString();
    }

    public String slackOpened(TrackedIncident incident, Routing.Target paged, String routingNote) {
        Severity severity = Severity.fromWireName(incident.severity);
        String who = paged == null ? "nobody paged (" + severity.wireName() + ": no page by policy)" : paged.describe();
        String headline = emoji(severity) + " " + severity.wireName().toUpperCase(Locale.ROOT) + " incident: "
                + incident.component + " " + incident.kind;
        String text = headline + " — " + incident.summary + ". Paged: " + who
                + (incident.runbookUrl == null ? "" : ". Runbook: " + incident.runbookUrl)
                + (routingNote == null ? "" : ". Routing: " + routingNote)
                + ". Incident " + incident.id;
        return slack(text, headline, incident.summary, List.of(
                field("Severity", severity.wireName()),
                field("Component", incident.component),
                field("Paged", who),
                field("Runbook", incident.runbookUrl == null ? "none" : "<" + incident.runbookUrl + "|runbook>")),
                "Incident `" + incident.id + "` · raised by " + incident.raisedBy
                        + (routingNote == null ? "" : " · " + routingNote));
    }

    /** An update about an incident, posted as a new message (incoming webhooks cannot edit). */
    public String slackUpdate(TrackedIncident incident, String what) {
        String headline = "Update: " + incident.component + " " + incident.kind;
        String text = headline + " — " + what + ". Incident " + incident.id;
        return slack(text, headline, what, List.of(), "Incident `" + incident.id + "`");
    }

    /** A recovery event that answers no incident, for the operations channel. */
    public String slackOperations(String headline, String what, String reference) {
        return slack(headline + " — " + what, headline, what, List.of(), reference);
    }

    /** Another channel failed for good: say so where someone will see it. */
    public String slackFallback(String incidentId, String failedChannel, String failedRecipient, String reason,
            String originalText) {
        String headline = ":warning: Notification failed: " + failedChannel + " to " + failedRecipient;
        String what = "Could not notify " + failedRecipient + " through " + failedChannel + " (" + reason
                + "). Act on it by hand." + (originalText == null ? "" : " Original message: " + originalText);
        return slack(headline + " — " + what + " Incident " + incidentId, headline, what, List.of(),
                "Incident `" + incidentId + "`");
    }

    /** The {@code text} of a Slack body, to quote it elsewhere. */
    public String slackText(String slackBody) {
        try {
            return json.readTree(slackBody).path("text").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private String slack(String text, String headline, String body, List<ObjectNode> fields, String context) {
        ObjectNode message = json.createObjectNode();
        message.put("text", cut(text, SLACK_TEXT_MAX));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(headline, SLACK_HEADER_MAX));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", cut(escape(body), SLACK_SECTION_MAX));
        if (!fields.isEmpty()) {
            ObjectNode facts = blocks.addObject().put("type", "section");
            ArrayNode f = facts.putArray("fields");
            fields.forEach(f::add);
        }
        ObjectNode ctx = blocks.addObject().put("type", "context");
        ctx.putArray("elements").addObject().put("type", "mrkdwn").put("text", cut(context, SLACK_FIELD_MAX));
        return message.toString();
    }

    private ObjectNode field(String name, String value) {
        ObjectNode f = json.createObjectNode();
        // Links (<url|text>) are kept as written; everything else is escaped.
        String shown = value.startsWith("<") ? value : escape(value);
        f.put("type", "mrkdwn").put("text", cut("*" + name + "*\n" + shown, SLACK_FIELD_MAX));
        return f;
    }

    private static String emoji(Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":red_circle:";
            case HIGH -> ":large_orange_circle:";
            case MEDIUM -> ":large_yellow_circle:";
        };
    }

    /** Slack mrkdwn needs &, < and > escaped. */
    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String cut(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }
}
