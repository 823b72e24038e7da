package io.lifeline.backup.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.lifeline.backup.pipeline.PipelineSelfTest;

/**
 * What the start-up self-test found. Not ready only when every backup would fail: no recipient key
 * can encrypt (backups fail closed), or pg_dump is missing or of the wrong major version. A database
 * that cannot be reached, a read-only folder or a refusing bucket is reported in the data but leaves
 * the service ready: the database may be the outage, and a backup keeps the copy it can write.
 */
@Readiness
@ApplicationScoped
public class PipelineReadiness implements HealthCheck {

    private final PipelineSelfTest selfTest;

    public PipelineReadiness(PipelineSelfTest selfTest) {
        this.selfTest = selfTest;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("backup-pipeline")
                .withData("selfTest", !selfTest.ran() ? "off" : selfTest.passed() ? "passed" : "failed");
        String problem = selfTest.problem();
        if (problem != null) {
            b.withData("problem", problem);
        }
        return b.status(selfTest.recipientsUsable() && selfTest.pgDumpUsable()).build();
    }
}
