package io.lifeline.drctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lifeline.testsupport.FreePorts;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** What a script relies on: help everywhere, clear errors, and exit codes that mean one thing each. */
@QuarkusMainTest
class CliBasicsTest {

    @BeforeAll
    static void pointAtNothing() {
        // Nothing listens on these ports: the services are "down" for real.
        System.setProperty("LIFELINE_HEALTH_MONITOR_URL", "http://127.0.0.1:" + FreePorts.next());
        System.setProperty("LIFELINE_NOTIFIER_URL", "http://127.0.0.1:" + FreePorts.next());
    }

    @AfterAll
    static void reset() {
        System.clearProperty("LIFELINE_HEALTH_MONITOR_URL");
        System.clearProperty("LIFELINE_NOTIFIER_URL");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("status", "backup", "backups", "incidents", "ack", "events", "replay",
                "postmortem", "Exit codes: 0 ok, 1 the operation failed, 2 bad usage", "4 not found");
        assertThat(launcher.launch("postmortem", "--help").getOutput()).contains("INCIDENT_ID", "--since", "--out-dir");
    }

    @Test
    void anUnreachableServiceIsExitThreeNamingTheAddress(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("status");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.getErrorOutput()).contains("did not answer", System.getProperty("LIFELINE_HEALTH_MONITOR_URL"));
    }

    @Test
    void anOperatorActionWithoutATokenSaysHowToGetOne(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("ack", "inc-1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("LIFELINE_TOKEN", "bin/lifeline token --role operator");
    }

    @Test
    void aBadTimeIsAUsageErrorWithTheAcceptedForms(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("replay", "--from", "yesterday-ish");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("--from 'yesterday-ish' is not a time", "ISO-8601", "7d");
        assertThat(launcher.launch("replay").exitCode()).as("--from is required").isEqualTo(2);
    }
}
