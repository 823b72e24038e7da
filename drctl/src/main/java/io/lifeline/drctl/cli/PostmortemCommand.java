package io.lifeline.drctl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.lifeline.drctl.config.DrctlConfig;
import io.lifeline.drctl.output.Terminal;
import io.lifeline.drctl.postmortem.Durations;
import io.lifeline.drctl.postmortem.HtmlPostmortem;
import io.lifeline.drctl.postmortem.IncidentStory;
import io.lifeline.drctl.postmortem.MarkdownPostmortem;
import io.lifeline.drctl.postmortem.StoryBuilder;
import io.lifeline.drctl.replay.ReplayWindow;
import io.lifeline.events.EventJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "postmortem", mixinStandardHelpOptions = true,
        description = {"Rebuild one incident's story from Kafka alone and write a postmortem draft:",
                "<dir>/postmortem-<incident>.md and a self-contained .html with a timeline chart."},
        footer = {"", "Exit 4 when no incident.opened with that id is in the events read (widen --since)."})
public class PostmortemCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INCIDENT_ID", description = "The incident id (as in incident.opened, PagerDuty's dedup_key).")
    String incidentId;

    @Option(names = "--since", defaultValue = "30d", description = "Read events from this time on (default: ${DEFAULT-VALUE} ago).")
    String since;

    @Option(names = "--look-back", defaultValue = "PT1H",
            description = "Health signals this long before the incident belong to it (ISO-8601 duration; default: ${DEFAULT-VALUE}).")
    Duration lookBack;

    @Option(names = {"-o", "--out-dir"}, defaultValue = ".", description = "Where to write the files (default: current directory).")
    Path outDir;

    @Mixin
    OutputOptions output;

    private final EventLog log;
    private final DrctlConfig config;

    public PostmortemCommand(EventLog log, DrctlConfig config) {
        this.log = log;
        this.config = config;
    }

    @Override
    public Integer call() throws IOException {
        Terminal t = Terminal.system();
        ReplayWindow window = new ReplayWindow(EventLog.parseTime(since, "--since"), Instant.now().plusSeconds(1));
        var events = log.readAll(window);
        Optional<IncidentStory> found = new StoryBuilder(EventJson.mapper(), lookBack, config.rto(), config.rpo())
                .build(incidentId, events);
        if (found.isEmpty()) {
            t.error("no incident.opened for '" + incidentId + "' among " + events.size() + " events since "
                    + window.from() + " (try a wider --since)");
            return ExitCodes.NOT_FOUND;
        }
        IncidentStory story = found.get();
        Files.createDirectories(outDir);
        String safeId = incidentId.replaceAll("[^A-Za-z0-9._-]", "_");
        Path md = outDir.resolve("postmortem-" + safeId + ".md");
        Path html = outDir.resolve("postmortem-" + safeId + ".html");
        Files.writeString(md, MarkdownPostmortem.render(story), StandardCharsets.UTF_8);
        Files.writeString(html, HtmlPostmortem.render(story), StandardCharsets.UTF_8);

        var r = story.measures();
        if (output.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("incidentId", incidentId);
            result.put("events", story.events().size());
            result.put("milestones", story.milestones());
            result.put("timeToDetectMillis", millis(r.timeToDetect()));
            result.put("timeToPageMillis", millis(r.timeToPage()));
            result.put("timeToAcknowledgeMillis", millis(r.timeToAcknowledge()));
            result.put("timeToRecoverMillis", millis(r.timeToRecover()));
            result.put("timeToResolveMillis", millis(r.timeToResolve()));
            result.put("rtoAchievedMillis", millis(r.rtoAchieved()));
            result.put("rtoMet", r.rtoMet());
            result.put("rpoAchievedMillis", millis(r.rpoAchieved()));
            result.put("rpoMet", r.rpoMet());
            result.put("problems", story.problems());
            result.put("markdown", md.toString());
            result.put("html", html.toString());
            t.json(result);
        } else {
            t.line("incident " + incidentId + ": " + story.summary() + " (" + story.events().size() + " events)");
            t.line("  detect " + Durations.human(r.timeToDetect()) + ", page " + Durations.human(r.timeToPage())
                    + ", acknowledge " + Durations.human(r.timeToAcknowledge()) + ", recover "
                    + Durations.human(r.timeToRecover()) + ", resolve " + Durations.human(r.timeToResolve()));
            t.line("  RTO " + Durations.human(r.rtoAchieved()) + verdict(t, r.rtoMet()) + "   RPO "
                    + Durations.human(r.rpoAchieved()) + verdict(t, r.rpoMet()));
            t.line("wrote " + md + " and " + html);
        }
        return ExitCodes.OK;
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }

    private static String verdict(Terminal t, Boolean met) {
        return met == null ? "" : met ? t.paint("32", " (met)") : t.paint("31", " (MISSED)");
    }
}
