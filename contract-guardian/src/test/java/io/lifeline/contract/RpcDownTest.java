package io.lifeline.contract;

import static io.lifeline.contract.Chains.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.FreePorts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An RPC that does not answer is not a silent stop: the service is not ready and raises an incident. */
@QuarkusTest
@TestProfile(RpcDownTest.DeadRpc.class)
class RpcDownTest {

    public static class DeadRpc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lifeline.contract.rpc.url", "http://127.0.0.1:" + FreePorts.next(),
                    "lifeline.contract.rpc.timeout", "1s",
                    "lifeline.contract.rpc.failures-before-incident", "2",
                    "lifeline.contract.pause.policy", "off");
        }
    }

    @Test
    void anUnreachableRpcIsAnIncidentAndNotReady() {
        try (EventTopics topics = EventTopics.fromConfig()) {
            IncidentOpened opened = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    i -> i.kind().equals("rpc-unreachable"), WAIT).get(0).payload();
            assertThat(opened.severity()).isEqualTo(Severity.HIGH);
            assertThat(opened.component()).isEqualTo("contract");
            assertThat(opened.summary()).contains("cannot read the chain");
            assertThat(opened.signals().get(0).detail().get("error").toString()).contains("eth_");
        }
        given().when().get("/q/health/ready").then().statusCode(503).body(containsString("consecutiveFailures"));
        given().when().get("/status").then().statusCode(200).body(containsString("lastError"));
    }
}
