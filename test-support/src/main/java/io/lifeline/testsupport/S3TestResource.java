package io.lifeline.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real S3 server with an empty bucket. The keys it returns are the
 * ones Lifeline's services read their S3 settings from.
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "lifeline-test-backups";

    private S3Server server;

    @Override
    public Map<String, String> start() {
        server = S3Server.start(BUCKET);
        return Map.of(
                "lifeline.s3.endpoint", server.endpoint(),
                "lifeline.s3.bucket", server.bucket(),
                "lifeline.s3.region", S3Server.REGION,
                "lifeline.s3.access-key", server.accessKey(),
                "lifeline.s3.secret-key", server.secretKey());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
