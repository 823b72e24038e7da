package io.lifeline.backup;

import io.lifeline.testsupport.JwtTestResource;
import io.lifeline.testsupport.KafkaTestResource;
import io.lifeline.testsupport.PostgresTestResource;
import io.lifeline.testsupport.S3TestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The real servers every backup-service test runs against, declared once for the module: Kafka,
 * Lifeline's own PostgreSQL (the catalog), an S3 server, the JWT key, and the protected database
 * with the OpenPGP keys (see {@link ProtectedDatabaseResource}).
 */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = S3TestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = JwtTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ProtectedDatabaseResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
public final class BackupTestResources {

    private BackupTestResources() {
    }
}
