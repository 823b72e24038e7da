package io.lifeline.health;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.lifeline.testsupport.ProbeTargetServer;

/** The test's handle on a probed HTTP component: make it answer this status from now on. */
final class ProbeTarget {

    private ProbeTarget() {
    }

    static void answer(int status) {
        answer("lifeline.test.probe-target", status);
    }

    static void flappy(int status) {
        answer("lifeline.test.flappy-target", status);
    }

    /** How many probe requests the component has received so far. */
    static int requests() {
        return Integer.parseInt(given().baseUri(base("lifeline.test.probe-target")).when()
                .get(ProbeTargetServer.REQUESTS_PATH).asString());
    }

    private static void answer(String target, int status) {
        given().baseUri(base(target)).when().put(ProbeTargetServer.CONTROL_PREFIX + status).then().statusCode(204);
    }

    private static String base(String target) {
        return ConfigProvider.getConfig().getValue(target, String.class);
    }
}
