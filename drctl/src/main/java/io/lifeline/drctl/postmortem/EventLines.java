package io.lifeline.drctl.postmortem;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One readable line per event, for the timeline: the fields an on-call engineer looks for first. */
public final class EventLines {

    private EventLines() {
    }

    public static String describe(String topic, JsonNode p) {
        return switch (topic) {
            case "health.degraded" -> "%s degraded (%s failures in a row on probe %s)%s".formatted(
                    s(p, "component"), s(p, "consecutiveFailures"), s(p, "probe"), lastError(p));
            case "health.recovered" -> "%s recovered (probe %s)".formatted(s(p, "component"), s(p, "probe"));
            case "incident.opened" -> "incident opened: %s %s/%s: %s".formatted(
                    s(p, "severity"), s(p, "component"), s(p, "kind"), s(p, "summary"));
            case "incident.updated" -> "incident updated (%s occurrences): %s".formatted(
                    s(p, "occurrences"), s(p, "summary"));
            case "incident.acknowledged" -> "acknowledged by %s via %s".formatted(
                    s(p, "acknowledgedBy"), s(p, "via"));
            case "incident.escalated" -> "escalated to level %s: %s (%s): %s".formatted(
                    s(p, "level"), s(p, "person"), s(p, "role"), s(p, "reason"));
            case "incident.resolved" -> "resolved by %s: %s".formatted(s(p, "resolvedBy"), s(p, "resolution"));
            case "notification.sent" -> "%s notified %s".formatted(s(p, "channel"), s(p, "recipient"));
            case "notification.failed" -> "%s to %s failed%s: %s".formatted(s(p, "channel"), s(p, "recipient"),
                    p.path("finalFailure").asBoolean() ? " for good" : "", s(p, "reason"));
            case "restore.requested" -> "restore of %s requested by %s".formatted(
                    s(p, "target"), s(p, "requestedBy"));
            case "restore.started" -> "restore of %s from backup %s started".formatted(
                    s(p, "target"), s(p, "backupId"));
            case "restore.completed" -> "restore of %s from backup %s completed (row counts %s)".formatted(
                    s(p, "target"), s(p, "backupId"),
                    p.path("verification").path("rowCountsMatch").asBoolean() ? "match" : "DIFFER");
            case "restore.failed" -> "restore of %s failed at %s: %s".formatted(
                    s(p, "target"), s(p, "stage"), s(p, "reason"));
            case "drill.completed" -> "drill on backup %s %s".formatted(
                    s(p, "backupId"), p.path("success").asBoolean() ? "passed" : "FAILED");
            case "backup.started" -> "backup %s of %s started".formatted(s(p, "backupId"), s(p, "database"));
            case "backup.completed" -> "backup %s of %s completed (%s bytes)".formatted(
                    s(p, "backupId"), s(p, "database"), s(p, "sizeBytes"));
            case "backup.failed" -> "backup %s failed at %s: %s".formatted(
                    s(p, "backupId"), s(p, "stage"), s(p, "reason"));
            case "contract.anomaly" -> "contract %s: rule %s fired (tx %s)".formatted(
                    s(p, "contract"), s(p, "rule"), s(p, "txHash"));
            case "contract.paused" -> "contract %s paused (tx %s)".formatted(s(p, "contract"), s(p, "txHash"));
            case "ipfs.content.missing" -> "CID %s missing from %s".formatted(s(p, "cid"), s(p, "missingFrom"));
            case "ipfs.content.repinned" -> "CID %s re-pinned to %s from %s".formatted(
                    s(p, "cid"), s(p, "pinnedTo"), s(p, "source"));
            case "ipfs.content.lost" -> "CID %s lost everywhere".formatted(s(p, "cid"));
            default -> topic;
        };
    }

    private static String lastError(JsonNode p) {
        List<String> errors = new ArrayList<>();
        for (JsonNode r : p.path("results")) {
            if (r.hasNonNull("error")) {
                errors.add(r.get("error").asText());
            }
        }
        return errors.isEmpty() ? "" : ": " + errors.get(errors.size() - 1);
    }

    private static String s(JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return "?";
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
