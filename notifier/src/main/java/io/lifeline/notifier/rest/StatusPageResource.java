package io.lifeline.notifier.rest;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.lifeline.notifier.ComponentStatus;
import io.lifeline.notifier.service.StatusService;
import io.smallrye.mutiny.Uni;

/**
 * The public status page: each component's state (from health.*) and the open incidents with
 * their updates. Plain HTML, no script needed, every value escaped; refreshes itself every 30 s.
 */
@Path("/status")
public class StatusPageResource {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final StatusService status;

    public StatusPageResource(StatusService status) {
        this.status = status;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Public status page: component states and open incidents")
    public Uni<String> page() {
        return status.page().map(StatusPageResource::render);
    }

    static String render(StatusService.Page page) {
        boolean allGood = page.components().stream().noneMatch(c -> c.degraded) && page.incidents().isEmpty();
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"30\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Mycelix status</title><style>")
                .append("body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}")
                .append(".operational{color:#137333}.degraded{color:#b3261e}")
                .append("li{margin:.3rem 0}.incident{border-left:4px solid #b3261e;padding-left:.8rem}")
                .append("</style></head><body>")
                .append("<h1 id=\"overall\" class=\"").append(allGood ? "operational" : "degraded").append("\">")
                .append(allGood ? "All systems operational" : "Some systems are affected").append("</h1>")
                .append("<h2>Components</h2><ul id=\"components\">");
        for (ComponentStatus c : page.components()) {
            String state = c.degraded ? "degraded" : "operational";
            html.append("<li class=\"component ").append(state).append("\" data-component=\"").append(esc(c.component))
                    .append("\" data-state=\"").append(state).append("\"><strong>").append(esc(c.component))
                    .append("</strong>: ").append(state).append(" since ").append(TIME.format(c.since)).append("</li>");
        }
        html.append("</ul><h2>Open incidents</h2>");
        if (page.incidents().isEmpty()) {
            html.append("<p id=\"no-incidents\">No open incidents.</p>");
        }
        html.append("<div id=\"incidents\">");
        for (StatusService.OpenIncident open : page.incidents()) {
            var i = open.incident();
            html.append("<section class=\"incident\" data-incident=\"").append(esc(i.id)).append("\" data-severity=\"")
                    .append(esc(i.severity)).append("\"><h3>").append(esc(i.severity)).append(": ")
                    .append(esc(i.component)).append(" — ").append(esc(i.summary)).append("</h3><p>")
                    .append(i.status.name().equals("ACKNOWLEDGED") ? "Acknowledged, being worked on" : "Investigating")
                    .append(" · opened ").append(i.openedAt == null ? "" : TIME.format(i.openedAt)).append("</p><ol class=\"updates\">");
            for (StatusService.Update u : open.updates()) {
                html.append("<li><time>").append(TIME.format(u.at())).append("</time> ").append(esc(u.text()))
                        .append("</li>");
            }
            html.append("</ol></section>");
        }
        return html.append("</div></body></html>").toString();
    }

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
