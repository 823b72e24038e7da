package io.lifeline.drctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Why a service is not ready, in the words its health checks used (SmallRye Health's JSON). */
class StatusCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachDownCheckIsNamedWithWhatItReported() throws Exception {
        JsonNode health = JSON.readTree("""
                {"status": "DOWN", "checks": [
                  {"name": "Database connections health check", "status": "UP"},
                  {"name": "backup-pipeline", "status": "DOWN",
                   "data": {"selfTest": "failed", "problem": "no recipient public key is configured"}},
                  {"name": "chain", "status": "DOWN", "data": {"lastError": "connection refused"}},
                  {"name": "Kafka connection health check", "status": "DOWN"}]}
                """);
        assertThat(StatusCommand.downChecks(health)).isEqualTo("backup-pipeline: no recipient public key is configured;"
                + " chain: connection refused; Kafka connection health check");
    }

    @Test
    void nothingIsSaidWhenNoCheckIsDownOrTheAnswerIsNotHealthJson() throws Exception {
        assertThat(StatusCommand.downChecks(JSON.readTree("{\"status\": \"UP\", \"checks\": []}"))).isEmpty();
        assertThat(StatusCommand.downChecks(JSON.readTree("\"Service Unavailable\""))).isEmpty();
    }
}
