package io.lifeline.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.lifeline.events.EventTypes;
import io.lifeline.events.health.HealthDegraded;
import io.lifeline.events.health.HealthRecovered;
import io.lifeline.events.health.ProbeResult;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.restore.RestoreStarted;
import io.lifeline.testsupport.EventTopics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * GET /status shows what the events say: health.degraded / recovered per component, open incidents
 * with their updates, gone once resolved. Checked as HTML, and as a DOM in headless Chromium
 * (Debian package {@code chromium}; skipped where it is not installed).
 */
@QuarkusTest
class StatusPageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/status")
    URL statusPage;

    @Test
    void theStatusPageFollowsTheEvents() {
        String component = "checkout-" + UUID.randomUUID().toString().substring(0, 8);
        IncidentOpened opened = Incidents.opened(component, Severity.CRITICAL);
        try (EventTopics topics = EventTopics.fromConfig()) {
            degrade(topics, component);
            Incidents.open(topics, opened);
            await().atMost(WAIT).until(StatusPageTest::page, p -> p.contains(opened.incidentId()));
            Incidents.publish(topics, EventTypes.RESTORE_STARTED, new RestoreStarted("rst-" + component, "req-1",
                    opened.incidentId(), "bk-7", "mycelix", Instant.now()));

            String html = await().atMost(WAIT).until(StatusPageTest::page, p -> p.contains("data-component=\""
                    + component + "\" data-state=\"degraded\"") && p.contains("restore rst-" + component));
            assertThat(html).contains("Some systems are affected", "data-incident=\"" + opened.incidentId() + "\"",
                    component + " — " + component + " health check failing");

            Incidents.publish(topics, EventTypes.HEALTH_RECOVERED, new HealthRecovered(component, "http",
                    Instant.now(), Instant.now().minusSeconds(60), List.of()));
            Incidents.publish(topics, EventTypes.INCIDENT_RESOLVED, Incidents.resolved(opened));

            String after = await().atMost(WAIT).until(StatusPageTest::page, p -> p.contains("data-component=\""
                    + component + "\" data-state=\"operational\"") && !p.contains(opened.incidentId()));
            assertThat(after).doesNotContain("data-incident=\"" + opened.incidentId() + "\"");
        }
    }

    @Test
    void theStatusPageRendersInARealBrowserWithEveryValueEscaped() throws Exception {
        Optional<Path> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), "headless Chromium not installed (apt-get install chromium)");
        String component = "<b>evil-" + UUID.randomUUID().toString().substring(0, 8) + "</b>";
        try (EventTopics topics = EventTopics.fromConfig()) {
            degrade(topics, component);
            await().atMost(WAIT).until(StatusPageTest::page, p -> p.contains("evil-" + component.substring(8, 16)));
        }

        String dom = dumpDom(chromium.get(), statusPage.toString());

        assertThat(dom).contains("<h1 id=\"overall\" class=\"degraded\">Some systems are affected</h1>");
        // The browser kept the component name as text: no <b> element was injected.
        assertThat(dom).contains("<strong>&lt;b&gt;evil-").doesNotContain("<strong><b>evil-");
        // One attribute, intact (browsers differ on whether they re-escape < and > inside attributes).
        assertThat(dom).containsPattern("<li class=\"component degraded\" data-component=\"(&lt;|<)b(&gt;|>)evil-"
                + "[0-9a-f]{8}(&lt;|<)/b(&gt;|>)\" data-state=\"degraded\">");
    }

    private static void degrade(EventTopics topics, String component) {
        Instant now = Instant.now();
        Incidents.publish(topics, EventTypes.HEALTH_DEGRADED, new HealthDegraded(component, "http",
                now.minusSeconds(30), 3, List.of(new ProbeResult("http", false, "503", 12, "expected 200", now))));
    }

    private static String page() {
        return given().when().get("/status").then().statusCode(200).contentType("text/html").extract().asString();
    }

    private static Optional<Path> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String dumpDom(Path chromium, String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("lifeline-chromium");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(process.exitValue()).as("chromium exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
