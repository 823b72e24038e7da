package io.lifeline.drctl.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.drctl.replay.RecordedEvent;

/**
 * Rebuilds one incident's story from the event log alone, following the correlation ids.
 *
 * <p>Starting from the incident id, an event belongs to the story when it carries an id already in
 * the story (incident, restore, request, anomaly, drill); its own ids then join, until nothing new
 * is found. A backup id only pulls in that backup's own events: the same backup restored in an
 * unrelated drill must not join this story. Health signals join by component, from a look-back
 * before the incident until it resolved: they are the signals that led to it.
 */
public final class StoryBuilder {

    private static final List<String> FOLLOWED_IDS = List.of("incidentId", "restoreId", "requestId", "anomalyId",
            "drillId");

    private final ObjectMapper json;
    private final Duration lookBack;
    private final Duration rtoTarget;
    private final Duration rpoTarget;

    public StoryBuilder(ObjectMapper json, Duration lookBack, Duration rtoTarget, Duration rpoTarget) {
        this.json = json;
        this.lookBack = lookBack;
        this.rtoTarget = rtoTarget;
        this.rpoTarget = rpoTarget;
    }

    public Optional<IncidentStory> build(String incidentId, List<RecordedEvent> log) {
        List<Parsed> parsed = new ArrayList<>();
        for (RecordedEvent e : log) {
            JsonNode payload = parse(e.value());
            if (payload != null && payload.isObject()) {
                parsed.add(new Parsed(e, payload));
            }
        }
        Parsed opened = parsed.stream()
                .filter(p -> p.event.topic().equals("incident.opened") && incidentId.equals(text(p.payload, "incidentId")))
                .findFirst().orElse(null);
        if (opened == null) {
            return Optional.empty();
        }
        String component = text(opened.payload, "component");

        Set<String> ids = new HashSet<>(Set.of(incidentId));
        Set<String> backupIds = new HashSet<>();
        Set<Parsed> members = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Parsed p : parsed) {
                if (members.contains(p) || !(carriesAny(p.payload, ids) || isBackupEvent(p, backupIds))) {
                    continue;
                }
                members.add(p);
                grew = true;
                for (String field : FOLLOWED_IDS) {
                    String id = text(p.payload, field);
                    if (id != null && !isBackupEvent(p)) {
                        ids.add(id);
                    }
                }
                String backupId = text(p.payload, "backupId");
                if (backupId != null && p.event.topic().startsWith("restore.")) {
                    backupIds.add(backupId);
                }
            }
        }

        Instant openedAt = instant(opened.payload, "openedAt");
        Instant resolvedAt = members.stream().filter(p -> p.event.topic().equals("incident.resolved"))
                .map(p -> instant(p.payload, "resolvedAt")).findFirst().orElse(Instant.MAX);
        Instant signalsFrom = openedAt.minus(lookBack);
        for (Parsed p : parsed) {
            if (p.event.topic().startsWith("health.") && component != null && component.equals(text(p.payload, "component"))
                    && !p.event.eventTime().isBefore(signalsFrom) && !p.event.eventTime().isAfter(resolvedAt)
                    && !p.event.topic().equals("health.heartbeat")) {
                members.add(p);
            }
        }

        List<StoryEvent> events = members.stream()
                .map(p -> new StoryEvent(timeOf(p), p.event.topic(), EventLines.describe(p.event.topic(), p.payload),
                        p.payload))
                .sorted(Comparator.comparing(StoryEvent::at).thenComparing(StoryEvent::topic))
                .toList();
        Milestones milestones = milestones(opened.payload, events);
        return Optional.of(new IncidentStory(incidentId, text(opened.payload, "severity"), component,
                text(opened.payload, "kind"), text(opened.payload, "summary"), text(opened.payload, "runbookUrl"),
                events, milestones, RecoveryMeasures.of(milestones, rtoTarget, rpoTarget), problems(events)));
    }

    private Milestones milestones(JsonNode opened, List<StoryEvent> events) {
        Instant detected = instant(opened, "openedAt");
        Instant failureStart = detected;
        for (JsonNode signal : opened.path("signals")) {
            failureStart = earliest(failureStart, instant(signal, "at"));
        }
        Instant firstPage = null;
        Instant firstNotice = null;
        Instant acknowledged = null;
        Instant recoveryStarted = null;
        Instant recovered = null;
        String recoveredBy = null;
        Instant resolved = null;
        String backupId = null;
        Instant backupTakenAt = null;
        Map<String, Long> stages = new LinkedHashMap<>();
        for (StoryEvent e : events) {
            JsonNode p = e.payload();
            switch (e.topic()) {
                case "health.degraded" -> {
                    failureStart = earliest(failureStart, instant(p, "since"));
                    for (JsonNode r : p.path("results")) {
                        if (!r.path("ok").asBoolean(true)) {
                            failureStart = earliest(failureStart, instant(r, "at"));
                        }
                    }
                }
                case "notification.sent" -> {
                    firstNotice = earliest(firstNotice, e.at());
                    if ("pagerduty".equals(text(p, "channel"))) {
                        firstPage = earliest(firstPage, e.at());
                    }
                }
                case "incident.acknowledged" -> acknowledged = earliest(acknowledged, instant(p, "acknowledgedAt"));
                case "restore.started" -> recoveryStarted = earliest(recoveryStarted, instant(p, "startedAt"));
                case "restore.completed" -> {
                    if (recovered == null) {
                        recovered = instant(p, "completedAt");
                        recoveredBy = "restore " + text(p, "restoreId") + " of " + text(p, "target") + " from backup "
                                + text(p, "backupId");
                        backupId = text(p, "backupId");
                        backupTakenAt = instant(p, "backupTakenAt");
                        stages.putAll(stageTimings(p));
                    }
                }
                case "contract.paused", "ipfs.content.repinned" -> {
                    if (recovered == null) {
                        recovered = e.at();
                        recoveredBy = e.line();
                    }
                }
                case "health.recovered" -> {
                    if (recovered == null && !e.at().isBefore(detected)) {
                        recovered = e.at();
                        recoveredBy = e.line();
                    }
                }
                case "incident.resolved" -> resolved = earliest(resolved, instant(p, "resolvedAt"));
                default -> {
                }
            }
        }
        // Paged means PagerDuty when it was used; otherwise the first person told, whatever the channel.
        Instant paged = firstPage != null ? firstPage : firstNotice;
        return new Milestones(failureStart, detected, paged, acknowledged, recoveryStarted, recovered, recoveredBy,
                resolved, backupId, backupTakenAt, stages);
    }

    /**
     * Per-stage durations as the restore reported them: an object of stage → milliseconds, or a
     * list of {stage, millis} entries, under {@code stages}, {@code stageMillis} or {@code timings}.
     */
    private static Map<String, Long> stageTimings(JsonNode restore) {
        Map<String, Long> stages = new LinkedHashMap<>();
        for (String field : List.of("stages", "stageMillis", "stageTimings", "timings")) {
            JsonNode node = restore.get(field);
            if (node == null) {
                continue;
            }
            if (node.isObject()) {
                node.fields().forEachRemaining(f -> {
                    if (f.getValue().isNumber()) {
                        stages.put(f.getKey(), f.getValue().asLong());
                    } else if (f.getValue().has("millis")) {
                        stages.put(f.getKey(), f.getValue().get("millis").asLong());
                    }
                });
            } else if (node.isArray()) {
                for (JsonNode s : node) {
                    String name = text(s, "stage") != null ? text(s, "stage") : text(s, "name");
                    JsonNode millis = s.has("millis") ? s.get("millis") : s.get("durationMillis");
                    if (name != null && millis != null) {
                        stages.put(name, millis.asLong());
                    }
                }
            }
        }
        return stages;
    }

    private static List<String> problems(List<StoryEvent> events) {
        List<String> problems = new ArrayList<>();
        for (StoryEvent e : events) {
            switch (e.topic()) {
                case "notification.failed", "restore.failed", "incident.escalated", "backup.failed",
                     "ipfs.content.lost" -> problems.add(e.at() + " " + e.line());
                case "restore.completed" -> {
                    if (!e.payload().path("verification").path("rowCountsMatch").asBoolean(true)) {
                        problems.add(e.at() + " " + e.line());
                    }
                }
                case "drill.completed" -> {
                    if (!e.payload().path("success").asBoolean(true)) {
                        problems.add(e.at() + " " + e.line());
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    private static Instant timeOf(Parsed p) {
        for (String field : List.of("openedAt", "acknowledgedAt", "escalatedAt", "resolvedAt", "updatedAt", "sentAt",
                "failedAt", "completedAt", "startedAt", "requestedAt", "pausedAt", "pinnedAt", "declaredAt",
                "detectedAt", "checkedAt", "since", "at")) {
            Instant t = instant(p.payload, field);
            if (t != null) {
                return t;
            }
        }
        return p.event.eventTime();
    }

    private static boolean carriesAny(JsonNode payload, Set<String> ids) {
        for (String field : FOLLOWED_IDS) {
            String id = text(payload, field);
            if (id != null && ids.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBackupEvent(Parsed p) {
        return p.event.topic().startsWith("backup.");
    }

    private static boolean isBackupEvent(Parsed p, Set<String> backupIds) {
        return isBackupEvent(p) && backupIds.contains(text(p.payload, "backupId"));
    }

    private JsonNode parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (Exception e) {
            return null; // a poison record is not part of any story
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Instant instant(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private record Parsed(RecordedEvent event, JsonNode payload) {
    }
}
