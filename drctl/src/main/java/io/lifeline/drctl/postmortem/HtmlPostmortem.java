package io.lifeline.drctl.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The postmortem as one self-contained HTML page: inline CSS and an inline SVG timeline chart, no
 * script, no fonts or images from anywhere, so that it opens the same on an air-gapped laptop.
 */
public final class HtmlPostmortem {

    private static final int WIDTH = 960;
    private static final int LEFT = 170;
    private static final int RIGHT = 30;
    private static final int ROW = 22;

    private HtmlPostmortem() {
    }

    public static String render(IncidentStory story) {
        RecoveryMeasures r = story.measures();
        StringBuilder h = new StringBuilder(8_192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Postmortem ")
                .append(esc(story.incidentId())).append("</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#1d232b}\n")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccd;padding:4px 8px;text-align:left}\n")
                .append(".missed{color:#b00020;font-weight:600}.met{color:#137333;font-weight:600}\n")
                .append("svg text{font:11px sans-serif}</style></head><body>\n");
        h.append("<h1>Postmortem draft: ").append(esc(story.summary())).append("</h1>\n");
        h.append("<p>Incident <code>").append(esc(story.incidentId())).append("</code>, severity <b>")
                .append(esc(story.severity())).append("</b>, ").append(esc(story.component())).append(" / ")
                .append(esc(story.kind())).append("</p>\n");
        h.append("<h2>Measured</h2>\n<table><tr><th>measure</th><th>value</th><th>plan</th></tr>\n");
        measure(h, "Time to detect", r.timeToDetect(), null, null);
        measure(h, "Time to page", r.timeToPage(), null, null);
        measure(h, "Time to acknowledge", r.timeToAcknowledge(), null, null);
        measure(h, "Time to recover", r.timeToRecover(), null, null);
        measure(h, "Time to resolve", r.timeToResolve(), null, null);
        measure(h, "RTO achieved", r.rtoAchieved(), r.rtoTarget(), r.rtoMet());
        measure(h, "RPO achieved", r.rpoAchieved(), r.rpoTarget(), r.rpoMet());
        h.append("</table>\n<h2>Timeline</h2>\n");
        h.append(chart(story));
        h.append("<table><tr><th>time (UTC)</th><th>event</th><th>what happened</th></tr>\n");
        for (StoryEvent e : story.events()) {
            h.append("<tr><td>").append(e.at()).append("</td><td>").append(esc(e.topic())).append("</td><td>")
                    .append(esc(e.line())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Review</h2>\n<h3>Did we meet the RTO target?</h3>\n<p>");
        if (r.rtoMet() == null) {
            h.append("Not yet known: the events read do not show the service back.");
        } else {
            h.append(r.rtoMet() ? "<span class=\"met\">Yes</span>" : "<span class=\"missed\">No</span>")
                    .append(": ").append(Durations.human(r.rtoAchieved())).append(" against ")
                    .append(Durations.human(r.rtoTarget())).append('.');
        }
        h.append("</p>\n<h3>What went wrong?</h3>\n<ul>\n");
        if (story.problems().isEmpty()) {
            h.append("<li>No failed step was recorded in the events.</li>\n");
        }
        story.problems().forEach(p -> h.append("<li>").append(esc(p)).append("</li>\n"));
        h.append("</ul>\n<h3>What can be improved?</h3>\n<p><i>For the review to fill in.</i></p>\n</body></html>\n");
        return h.toString();
    }

    /** Milestones as labelled marks on a time axis, then every event as a dot on its own row. */
    static String chart(IncidentStory story) {
        Milestones m = story.milestones();
        List<Mark> marks = new ArrayList<>();
        add(marks, "first signal", m.failureStart(), "#b00020");
        add(marks, "detected", m.detected(), "#e37400");
        add(marks, "paged", m.paged(), "#e37400");
        add(marks, "acknowledged", m.acknowledged(), "#1a73e8");
        add(marks, "recovery started", m.recoveryStarted(), "#1a73e8");
        add(marks, "recovered", m.recovered(), "#137333");
        add(marks, "resolved", m.resolved(), "#137333");
        Instant start = marks.isEmpty() ? story.events().get(0).at() : marks.get(0).at;
        Instant end = start;
        for (Mark mark : marks) {
            start = mark.at.isBefore(start) ? mark.at : start;
            end = mark.at.isAfter(end) ? mark.at : end;
        }
        for (StoryEvent e : story.events()) {
            start = e.at().isBefore(start) ? e.at() : start;
            end = e.at().isAfter(end) ? e.at() : end;
        }
        long span = Math.max(1, Duration.between(start, end).toMillis());
        int rows = marks.size() + story.events().size();
        int height = 40 + rows * ROW;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"incident timeline\">\n");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"20\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"20\" stroke=\"#888\"/>\n");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"14\">").append(start).append("</text>\n");
        svg.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"14\" text-anchor=\"end\">+")
                .append(esc(Durations.human(Duration.ofMillis(span)))).append("</text>\n");
        int y = 40;
        for (Mark mark : marks) {
            double x = x(mark.at, start, span);
            svg.append("<text x=\"4\" y=\"").append(y + 4).append("\">").append(esc(mark.label)).append("</text>");
            svg.append(String.format(Locale.ROOT, "<rect class=\"milestone\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"%s\" opacity=\".35\"/>",
                    LEFT, y - 5, x - LEFT, mark.colour));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\"/>\n", x, y, mark.colour));
            y += ROW;
        }
        for (StoryEvent e : story.events()) {
            double x = x(e.at(), start, span);
            svg.append("<text x=\"4\" y=\"").append(y + 4).append("\">").append(esc(e.topic())).append("</text>");
            svg.append(String.format(Locale.ROOT, "<circle class=\"event\" cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"#555\"><title>%s</title></circle>\n",
                    x, y, esc(e.at() + " " + e.line())));
            y += ROW;
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(Instant at, Instant start, long span) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (Duration.between(start, at).toMillis() / (double) span);
    }

    private static void add(List<Mark> marks, String label, Instant at, String colour) {
        if (at != null) {
            marks.add(new Mark(label, at, colour));
        }
    }

    private static void measure(StringBuilder h, String name, Duration value, Duration target, Boolean met) {
        h.append("<tr><td>").append(name).append("</td><td>").append(Durations.human(value)).append("</td><td>");
        if (target != null) {
            h.append("≤ ").append(Durations.human(target));
            if (met != null) {
                h.append(met ? " <span class=\"met\">met</span>" : " <span class=\"missed\">missed</span>");
            }
        }
        h.append("</td></tr>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record Mark(String label, Instant at, String colour) {
    }
}
