package io.lifeline.drctl.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.drctl.client.ServiceClient;
import io.lifeline.drctl.config.DrctlConfig;
import io.lifeline.drctl.output.Terminal;
import io.lifeline.drctl.postmortem.Durations;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a database from a verified backup: the backup is checked before anything is touched,",
                "a safety dump is taken, the data is restored beside the target, verified, then swapped in."},
        footer = {"", "With --wait: exit 0 when the restore completed and verified, 1 when it failed or was refused."})
public class RestoreCommand implements Callable<Integer> {

    @Option(names = "--target", required = true, description = "Database to restore (must be in restore-service's allowlist).")
    String target;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Selector selector;

    static class Selector {
        @Option(names = "--backup", paramLabel = "ID", description = "This backup.")
        String backupId;

        @Option(names = "--latest", description = "The newest verified backup (the default).")
        boolean latest;

        @Option(names = "--before", paramLabel = "TIME", description = "The newest backup taken before TIME (ISO-8601 or 6h, 2d ago).")
        String before;
    }

    @Option(names = "--request-id", description = "Idempotency key: the same id twice runs one restore.")
    String requestId;

    @Option(names = "--incident", description = "The incident this restore answers (correlation id).")
    String incidentId;

    @Option(names = "--approve", description = "Approve it too if it waits for approval (needs the approver role).")
    boolean approve;

    @Option(names = "--wait", description = "Follow the restore to its end, stage by stage.")
    boolean waitForIt;

    @Mixin
    OutputOptions output;

    private final ServiceClient client;
    private final DrctlConfig config;

    public RestoreCommand(ServiceClient client, DrctlConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public Integer call() throws InterruptedException {
        Terminal t = Terminal.system();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target", target);
        body.put("requestId", requestId);
        body.put("incidentId", incidentId);
        if (selector != null && selector.backupId != null) {
            body.put("selector", Map.of("kind", "id", "backupId", selector.backupId));
        } else if (selector != null && selector.before != null) {
            body.put("selector", Map.of("kind", "latest-before",
                    "before", EventLog.parseTime(selector.before, "--before").toString()));
        } else {
            body.put("selector", Map.of("kind", "latest-verified"));
        }
        ServiceClient.Reply accepted = client.post(config.services().restoreService(), "/restores", body);
        if (!accepted.ok()) {
            t.error("restore-service refused: " + accepted.reason());
            return accepted.status() == 404 ? ExitCodes.NOT_FOUND : ExitCodes.FAILED;
        }
        String restoreId = accepted.body().path("restoreId").asText();
        if (approve && "awaiting-approval".equals(accepted.body().path("status").asText())) {
            ServiceClient.Reply approved = client.post(config.services().restoreService(),
                    "/restores/" + restoreId + "/approve", null);
            if (!approved.ok()) {
                t.error("approval refused: " + approved.reason());
                return ExitCodes.FAILED;
            }
        }
        if (!waitForIt) {
            if (output.json) {
                t.json(accepted.body());
            } else {
                t.line("restore " + restoreId + " of " + target + ": " + accepted.body().path("status").asText()
                        + " (" + accepted.body().path("outcome").asText() + ")");
            }
            return ExitCodes.OK;
        }
        JsonNode restore = follow(t, restoreId);
        boolean completed = "completed".equals(restore.path("status").asText());
        if (output.json) {
            t.json(restore);
        } else if (completed) {
            t.good("restore " + restoreId + " completed: " + target + " now holds backup " + restore.path("backupId").asText());
            restore.path("stageMillis").fields().forEachRemaining(s -> t.line(String.format("  %-12s %s",
                    s.getKey(), Durations.human(Duration.ofMillis(s.getValue().asLong())))));
        } else {
            t.bad("restore " + restoreId + " failed at " + restore.path("stage").asText("?") + ": "
                    + restore.path("reason").asText("?") + (restore.path("targetUntouched").asBoolean(false)
                    ? " (target untouched)" : ""));
        }
        return completed ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private JsonNode follow(Terminal t, String restoreId) throws InterruptedException {
        long started = System.nanoTime();
        while (true) {
            ServiceClient.Reply reply = client.get(config.services().restoreService(), "/restores/" + restoreId);
            String status = reply.body().path("status").asText();
            if (reply.ok() && ("completed".equals(status) || "failed".equals(status))) {
                t.endProgress();
                return reply.body();
            }
            t.progress("restore " + restoreId, -1, String.format("%s %s  %ds", status,
                    reply.body().path("stage").asText(""), Duration.ofNanos(System.nanoTime() - started).toSeconds()));
            Thread.sleep(1_000);
        }
    }
}
