package io.lifeline.notifier;

import io.lifeline.notifier.receivers.ReceiversResource;
import io.lifeline.testsupport.JwtTestResource;
import io.lifeline.testsupport.KafkaTestResource;
import io.lifeline.testsupport.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The real servers every notifier test runs against, declared once for the whole module (scope
 * GLOBAL) so that all test classes share one started application: a Kafka broker, a fresh
 * PostgreSQL database, the PagerDuty and Slack receivers, and the key bearer tokens are checked with.
 */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ReceiversResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtTestResource.class, scope = TestResourceScope.GLOBAL)
public final class NotifierTestResources {

    private NotifierTestResources() {
    }
}
