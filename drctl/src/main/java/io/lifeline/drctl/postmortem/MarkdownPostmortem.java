package io.lifeline.drctl.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The postmortem draft in Markdown. Its review section follows the plan's questions ("Did we meet
 * the RTO target? What went wrong? What can be improved?"); the measured answers are filled in, the
 * judgement is left to the people who review it.
 */
public final class MarkdownPostmortem {

    private MarkdownPostmortem() {
    }

    public static String render(IncidentStory story) {
        Milestones m = story.milestones();
        RecoveryMeasures r = story.measures();
        StringBuilder md = new StringBuilder();
        md.append("# Postmortem draft: ").append(story.summary()).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Incident", "`" + story.incidentId() + "`");
        row(md, "Severity", story.severity());
        row(md, "Component / kind", story.component() + " / " + story.kind());
        row(md, "Runbook", story.runbookUrl() == null ? "none" : story.runbookUrl());
        row(md, "Recovered by", m.recoveredBy() == null ? "not recovered in the events read" : m.recoveredBy());
        md.append("\n## Measured\n\n| measure | value | plan |\n|---|---|---|\n");
        measure(md, "Time to detect (first failing signal → incident opened)", r.timeToDetect(), "");
        measure(md, "Time to page", r.timeToPage(), "");
        measure(md, "Time to acknowledge", r.timeToAcknowledge(), "");
        measure(md, "Time to recover", r.timeToRecover(), "");
        measure(md, "Time to resolve", r.timeToResolve(), "");
        measure(md, "RTO achieved (first signal → service back)", r.rtoAchieved(),
                "≤ " + Durations.human(r.rtoTarget()) + verdict(r.rtoMet()));
        measure(md, "RPO achieved (age of the restored backup at the failure)", r.rpoAchieved(),
                "≤ " + Durations.human(r.rpoTarget()) + verdict(r.rpoMet()));
        if (!m.restoreStages().isEmpty()) {
            md.append("\n### Restore stages\n\n| stage | took |\n|---|---|\n");
            for (Map.Entry<String, Long> s : m.restoreStages().entrySet()) {
                md.append("| ").append(s.getKey()).append(" | ").append(Durations.human(Duration.ofMillis(s.getValue())))
                        .append(" |\n");
            }
        }
        md.append("\n## Milestones\n\n");
        milestone(md, "First failing signal", m.failureStart());
        milestone(md, "Detected (incident opened)", m.detected());
        milestone(md, "Paged", m.paged());
        milestone(md, "Acknowledged", m.acknowledged());
        milestone(md, "Recovery started", m.recoveryStarted());
        milestone(md, "Recovered", m.recovered());
        milestone(md, "Resolved", m.resolved());
        if (m.backupId() != null) {
            md.append("- Backup restored: `").append(m.backupId()).append("`, taken ")
                    .append(m.backupTakenAt()).append('\n');
        }
        md.append("\n## Timeline\n\n| time (UTC) | event | what happened |\n|---|---|---|\n");
        for (StoryEvent e : story.events()) {
            md.append("| ").append(e.at()).append(" | ").append(e.topic()).append(" | ").append(escape(e.line()))
                    .append(" |\n");
        }
        md.append("\n## Review\n\n### Did we meet the RTO target?\n\n");
        if (r.rtoMet() == null) {
            md.append("Not yet known: the events read do not show the service back.\n");
        } else {
            md.append(r.rtoMet() ? "Yes" : "**No**").append(": ").append(Durations.human(r.rtoAchieved()))
                    .append(" against ").append(Durations.human(r.rtoTarget())).append(".\n");
        }
        if (r.rpoMet() != null) {
            md.append("\nData loss window (RPO): ").append(Durations.human(r.rpoAchieved())).append(" against ")
                    .append(Durations.human(r.rpoTarget())).append(r.rpoMet() ? " (met)" : " (**missed**)").append(".\n");
        }
        md.append("\n### What went wrong?\n\n");
        if (story.problems().isEmpty()) {
            md.append("- No failed step was recorded in the events (add what the events cannot see).\n");
        } else {
            story.problems().forEach(p -> md.append("- ").append(escape(p)).append('\n'));
        }
        md.append("\n### What can be improved?\n\n");
        improvements(md, story);
        md.append("- _Add the team's findings, then update the plan (DISASTER_RECOVERY_PLAN.md)._\n");
        return md.toString();
    }

    private static void improvements(StringBuilder md, IncidentStory story) {
        RecoveryMeasures r = story.measures();
        if (r.timeToAcknowledge() == null && story.milestones().paged() != null) {
            md.append("- Nobody acknowledged the page in the events read.\n");
        } else if (r.timeToAcknowledge() != null && r.timeToAcknowledge().compareTo(Duration.ofMinutes(15)) > 0) {
            md.append("- Acknowledgement took ").append(Durations.human(r.timeToAcknowledge()))
                    .append(": check the rotation and escalation timers.\n");
        }
        if (Boolean.FALSE.equals(r.rtoMet())) {
            md.append("- The RTO was missed: look at the slowest stage above.\n");
        }
        if (Boolean.FALSE.equals(r.rpoMet())) {
            md.append("- The restored backup was older than the RPO: check the backup schedule and the freshness watch.\n");
        }
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(escape(value)).append(" |\n");
    }

    private static void measure(StringBuilder md, String name, Duration d, String plan) {
        md.append("| ").append(name).append(" | ").append(Durations.human(d)).append(" | ").append(plan).append(" |\n");
    }

    private static void milestone(StringBuilder md, String name, Instant at) {
        md.append("- ").append(name).append(": ").append(at == null ? "not in the events read" : at.toString())
                .append('\n');
    }

    private static String verdict(Boolean met) {
        return met == null ? "" : met ? " (met)" : " (**missed**)";
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
