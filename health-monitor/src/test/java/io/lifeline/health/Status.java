package io.lifeline.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** Reads {@code GET /status}: tests wait for a component to be back before the next one starts. */
final class Status {

    private Status() {
    }

    static String state(String component) {
        return given().when().get("/status").then().statusCode(200).extract().jsonPath()
                .getString("components.find { it.component == '" + component + "' }.state");
    }

    static void awaitUp(String component) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "up".equals(state(component)));
    }
}
