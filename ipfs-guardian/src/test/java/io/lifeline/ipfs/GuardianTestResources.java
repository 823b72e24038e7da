package io.lifeline.ipfs;

import io.lifeline.testsupport.JwtTestResource;
import io.lifeline.testsupport.KafkaTestResource;
import io.lifeline.testsupport.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real Kafka, real PostgreSQL, a real js-ipfs node, the JWT key, and WireMock for third parties. */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = IpfsNodeResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = StubServersResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = JwtTestResource.class, scope = TestResourceScope.GLOBAL)
public final class GuardianTestResources {

    private GuardianTestResources() {
    }
}
