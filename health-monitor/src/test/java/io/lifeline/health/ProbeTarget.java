package io.lifeline.health;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.lifeline.testsupport.ProbeTargetServer;

/** The test's handle on the probed component: make it answer this status from now on. */
final class ProbeTarget {

    private ProbeTarget() {
    }

    static void answer(int status) {
        given().baseUri(base()).when().put(ProbeTargetServer.CONTROL_PREFIX + status).then().statusCode(204);
    }

    /** How many probe requests the component has received so far. */
    static int requests() {
        return Integer.parseInt(given().baseUri(base()).when().get(ProbeTargetServer.REQUESTS_PATH).asString());
    }

    private static String base() {
        return ConfigProvider.getConfig().getValue("lifeline.test.probe-target", String.class);
    }
}
