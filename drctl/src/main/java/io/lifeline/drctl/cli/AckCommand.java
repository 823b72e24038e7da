package io.lifeline.drctl.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import io.lifeline.drctl.client.ServiceClient;
import io.lifeline.drctl.config.DrctlConfig;
import io.lifeline.drctl.output.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ack", mixinStandardHelpOptions = true,
        description = "Acknowledge an incident: escalation stops, PagerDuty alerts are acknowledged (the token's subject is recorded).")
public class AckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INCIDENT_ID")
    String incidentId;

    @Mixin
    OutputOptions output;

    private final ServiceClient client;
    private final DrctlConfig config;

    public AckCommand(ServiceClient client, DrctlConfig config) {
        this.client = client;
        this.config = config;
    }

    @Override
    public Integer call() {
        Terminal t = Terminal.system();
        ServiceClient.Reply reply = client.post(config.services().notifier(),
                "/incidents/" + URLEncoder.encode(incidentId, StandardCharsets.UTF_8) + "/ack", null);
        if (reply.status() == 404) {
            t.error(reply.reason());
            return ExitCodes.NOT_FOUND;
        }
        if (!reply.ok()) {
            t.error("notifier refused: " + reply.reason());
            return ExitCodes.FAILED;
        }
        if (output.json) {
            t.json(reply.body());
        } else {
            t.good("incident " + incidentId + " acknowledged");
        }
        return ExitCodes.OK;
    }
}
