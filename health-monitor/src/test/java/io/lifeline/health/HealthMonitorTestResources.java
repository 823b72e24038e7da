package io.lifeline.health;

import io.lifeline.testsupport.JwtTestResource;
import io.lifeline.testsupport.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The real servers every health-monitor test runs against, declared once for the whole module
 * (scope GLOBAL) so that all test classes share one started application: a Kafka
 * broker, the probed component, and the key the service verifies bearer tokens with.
 */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ProbeTargetResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtTestResource.class, scope = TestResourceScope.GLOBAL)
public final class HealthMonitorTestResources {

    private HealthMonitorTestResources() {
    }
}
