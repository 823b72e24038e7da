package io.lifeline.health;

import io.lifeline.testsupport.JwtTestResource;
import io.lifeline.testsupport.KafkaTestResource;
import io.lifeline.testsupport.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The real servers every health-monitor test runs against, declared once for the whole module
 * (scope GLOBAL) so that all test classes share one started application: a Kafka broker, Lifeline's
 * own database (a fresh one on the machine's PostgreSQL, for the monitor's state), the probed
 * components (HTTP servers, a throwaway PostgreSQL cluster, a private redis-server, a Prometheus
 * and a /metrics endpoint), and the key the
 * service verifies bearer tokens with.
 */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ProbeTargetResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ThrowawayPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PrivateRedis.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MonitoringTarget.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtTestResource.class, scope = TestResourceScope.GLOBAL)
public final class HealthMonitorTestResources {

    private HealthMonitorTestResources() {
    }
}
