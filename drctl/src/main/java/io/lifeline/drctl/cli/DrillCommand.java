package io.lifeline.drctl.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeline.drctl.client.ServiceClient;
import io.lifeline.drctl.config.DrctlConfig;
import io.lifeline.drctl.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Run a restore drill now: the latest backup restored into a scratch database, verified, dropped.",
        footer = {"", "With --wait: prints the drill report (Markdown); exit 0 when the drill passed, 1 when it failed."})
public class DrillCommand implements Callable<Integer> {

    @Option(names = "--target", description = "Which database's backups to drill (default: restore-service's default target).")
    String target;

    @Option(names = "--wait", description = "Wait for the drill and print its report.")
    boolean waitForIt;

    @Mixin
    OutputOptions output;

    private final ServiceClient client;
    private final DrctlConfig config;

    public DrillCommand(ServiceClient client, DrctlConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public Integer call() throws InterruptedException {
        Terminal t = Terminal.system();
        Map<String, Object> body = new HashMap<>();
        if (target != null) {
            body.put("target", target);
        }
        ServiceClient.Reply accepted = client.post(config.services().restoreService(), "/drills", body);
        if (!accepted.ok()) {
            t.error("restore-service refused: " + accepted.reason());
            return ExitCodes.FAILED;
        }
        String drillId = accepted.body().path("drillId").asText();
        if (!waitForIt) {
            if (output.json) {
                t.json(accepted.body());
            } else {
                t.line("drill " + drillId + " started (drctl drill --wait prints the report)");
            }
            return ExitCodes.OK;
        }
        long started = System.nanoTime();
        JsonNode drill;
        while (true) {
            drill = client.get(config.services().restoreService(), "/drills/" + drillId).body();
            if (!"running".equals(drill.path("status").asText("running"))) {
                break;
            }
            t.progress("drill " + drillId, -1, Duration.ofNanos(System.nanoTime() - started).toSeconds() + "s");
            Thread.sleep(1_000);
        }
        t.endProgress();
        boolean passed = drill.path("success").asBoolean(false);
        if (output.json) {
            t.json(drill);
        } else {
            ServiceClient.Reply report = client.getText(config.services().restoreService(), "/drills/" + drillId + "/report");
            t.line(report.body().asText());
            if (passed) {
                t.good("drill " + drillId + " passed");
            } else {
                t.bad("drill " + drillId + " FAILED");
            }
        }
        return passed ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
