package io.lifeline.drctl.postmortem;

import java.util.List;

/**
 * One incident rebuilt from the event log: what it was, every event that belongs to it in time
 * order, the milestones and what they measure, and what went wrong on the way.
 */
public record IncidentStory(String incidentId, String severity, String component, String kind, String summary,
                            String runbookUrl, List<StoryEvent> events, Milestones milestones,
                            RecoveryMeasures measures, List<String> problems) {
}
