package io.lifeline.drctl.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.drctl.client.ServiceClient;
import io.lifeline.drctl.client.ServiceUnreachableException;
import io.lifeline.drctl.config.DrctlConfig;
import io.lifeline.drctl.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Every protected component's state (from health-monitor) and whether each Lifeline service is ready.",
        footer = {"", "Exit 0 when everything is up, 1 when something is degraded, 3 when health-monitor cannot be reached."})
public class StatusCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    private final ServiceClient client;
    private final DrctlConfig config;

    public StatusCommand(ServiceClient client, DrctlConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public Integer call() {
        Terminal t = Terminal.system();
        ServiceClient.Reply status = client.get(config.services().healthMonitor(), "/status");
        if (!status.ok()) {
            t.error("health-monitor answered " + status.reason());
            return ExitCodes.FAILED;
        }
        Map<String, String> services = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        services.put("health-monitor", "ready");
        readiness(services, reasons, "backup-service", config.services().backupService());
        readiness(services, reasons, "restore-service", config.services().restoreService());
        readiness(services, reasons, "notifier", config.services().notifier());
        readiness(services, reasons, "contract-guardian", config.services().contractGuardian());
        readiness(services, reasons, "ipfs-guardian", config.services().ipfsGuardian());

        JsonNode body = status.body();
        String overall = body.path("overall").asText("unknown");
        if (output.json) {
            t.json(Map.of("overall", overall, "components", body.path("components"), "services", services,
                    "notReadyBecause", reasons));
        } else {
            t.line("overall: " + colour(t, overall));
            for (JsonNode c : body.path("components")) {
                t.line(String.format("  %-22s %-10s since %s", c.path("component").asText(),
                        colour(t, c.path("state").asText()), c.path("since").asText("?")));
            }
            t.line("services:");
            services.forEach((name, state) -> t.line(String.format("  %-22s %s", name, colour(t, state))
                    + (reasons.containsKey(name) ? "  " + reasons.get(name) : "")));
        }
        return "up".equals(overall) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void readiness(Map<String, String> services, Map<String, String> reasons, String name,
            java.net.URI url) {
        try {
            ServiceClient.Reply reply = client.get(url, "/q/health/ready");
            services.put(name, reply.ok() ? "ready" : "not ready");
            String why = reply.ok() ? "" : downChecks(reply.body());
            if (!why.isEmpty()) {
                reasons.put(name, why);
            }
        } catch (ServiceUnreachableException e) {
            services.put(name, "unreachable");
        }
    }

    /** The checks that say DOWN, each with what it reported (its "problem" or "lastError"), if anything. */
    static String downChecks(JsonNode health) {
        List<String> down = new ArrayList<>();
        for (JsonNode check : health.path("checks")) {
            if ("DOWN".equals(check.path("status").asText())) {
                JsonNode data = check.path("data");
                String said = data.path("problem").asText(data.path("lastError").asText(""));
                down.add(check.path("name").asText("?") + (said.isEmpty() ? "" : ": " + said));
            }
        }
        return String.join("; ", down);
    }

    private static String colour(Terminal t, String state) {
        return switch (state) {
            case "up", "ready" -> t.paint("32", state);
            case "degraded", "unreachable", "not ready" -> t.paint("31", state);
            default -> t.paint("33", state);
        };
    }
}
