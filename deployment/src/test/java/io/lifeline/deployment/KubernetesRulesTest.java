package io.lifeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each Kubernetes, overlay, image and Dockerfile rule, shown to catch what it is for on small samples. */
class KubernetesRulesTest {

    private static final String GOOD = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app-config}
            data:
              KAFKA_BOOTSTRAP_SERVERS: kafka:9092
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
              annotations: {lifeline.io/scaling: singleton, lifeline.io/replicas-why: one scheduler}
            spec:
              replicas: 1
              strategy: {type: Recreate}
              template:
                metadata:
                  labels: {app: app, tier: service}
                spec:
                  securityContext: {runAsNonRoot: true, runAsUser: 185}
                  containers:
                    - name: app
                      image: lifeline/app:1.0.0
                      ports: [{name: http, containerPort: 8089}]
                      envFrom: [{configMapRef: {name: app-config}}]
                      env:
                        - name: LIFELINE_DB_PASSWORD
                          valueFrom: {secretKeyRef: {name: app-secrets, key: LIFELINE_DB_PASSWORD}}
                      livenessProbe: {httpGet: {path: /q/health/live, port: http}}
                      readinessProbe: {httpGet: {path: /q/health/ready, port: 8089}}
                      resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {memory: 256Mi}}
                      securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
                      volumeMounts: [{name: tmp, mountPath: /tmp}]
                  volumes: [{name: tmp, emptyDir: {}}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: app}
            spec: {ports: [{port: 8089}]}
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: app}
            spec: {maxUnavailable: 1, selector: {matchLabels: {app: app}}}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny}
            spec: {podSelector: {matchLabels: {tier: service}}, policyTypes: [Ingress, Egress]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: kafka}
            spec:
              podSelector: {matchLabels: {tier: service}}
              policyTypes: [Egress]
              egress: [{ports: [{protocol: TCP, port: 9092}]}]
            ---
            apiVersion: kafka.strimzi.io/v1beta2
            kind: Kafka
            metadata: {name: k}
            spec:
              kafka:
                listeners: [{name: plain, networkPolicyPeers: [{podSelector: {matchLabels: {tier: service}}}]}]
                config: {auto.create.topics.enable: false, default.replication.factor: 3, min.insync.replicas: 2,
                         offsets.topic.replication.factor: 3, transaction.state.log.replication.factor: 3}
            ---
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaNodePool
            metadata: {name: pool}
            spec: {replicas: 3, roles: [controller, broker]}
            ---
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaTopic
            metadata: {name: incident.opened}
            spec: {partitions: 6, replicas: 3, config: {min.insync.replicas: 2, retention.ms: 34560000000}}
            """;

    private static final AppProperties APP = AppProperties.parse("""
            kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:9092}
            quarkus.datasource.password=${LIFELINE_DB_PASSWORD:}
            """);

    private static KubernetesRules rules(String yaml) {
        return new KubernetesRules(Manifests.of(yaml));
    }

    @Test
    void aGoodSetPassesEveryRule() {
        KubernetesRules rules = rules(GOOD);

        assertThat(rules.missingObjects("app", 8089)).isEmpty();
        assertThat(rules.containerProblems("app", 8089, "1.0.0", "185")).isEmpty();
        assertThat(rules.replicaProblems("app")).isEmpty();
        assertThat(rules.configKeyProblems("app", APP)).isEmpty();
        assertThat(rules.secretProblems()).isEmpty();
        assertThat(rules.networkProblems("app")).isEmpty();
        assertThat(rules.topicProblems(List.of("incident.opened"), 3, 2, 90L * 86_400_000L)).isEmpty();
        assertThat(rules.kafkaClusterProblems(3, 2)).isEmpty();
        assertThat(rules.referencedSecrets()).containsExactly("app-secrets");
    }

    @Test
    void aMissingServiceIsNamed() {
        assertThat(rules(GOOD).missingObjects("restore-service", 8083))
                .containsExactly("restore-service: no Deployment restore-service in k8s/ (copy k8s/base/notifier.yaml)");
    }

    @Test
    void probesSecurityAndImageAreEnforced() {
        String bad = GOOD.replace("/q/health/live", "/health").replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false")
                .replace("lifeline/app:1.0.0", "lifeline/app:latest").replace("runAsNonRoot: true", "runAsNonRoot: false")
                .replace("mountPath: /tmp", "mountPath: /data");

        assertThat(rules(bad).containerProblems("app", 8089, "1.0.0", "185")).containsExactlyInAnyOrder(
                "app: pod securityContext.runAsNonRoot must be true",
                "app: image must be lifeline/app:1.0.0 (the project version), is lifeline/app:latest",
                "app: image lifeline/app:latest is not pinned to a release (tag latest)",
                "app: livenessProbe must GET /q/health/live, has /health",
                "app: container securityContext.readOnlyRootFilesystem must be true",
                "app: read-only root filesystem needs an emptyDir mounted at /tmp");
    }

    @Test
    void aSingletonThatCouldRunTwiceFailsAndReplicasNeedSpreadAndABudget() {
        String rolling = GOOD.replace("strategy: {type: Recreate}", "strategy: {type: RollingUpdate}");
        String scaled = GOOD.replace("lifeline.io/scaling: singleton", "lifeline.io/scaling: horizontal").replace("replicas: 1", "replicas: 2");

        assertThat(rules(rolling).replicaProblems("app"))
                .containsExactly("app: a singleton must use strategy Recreate (a rolling update runs two at once)");
        assertThat(rules(scaled).replicaProblems("app")).containsExactly(
                "app: 2 replicas need podAntiAffinity (one node must not hold them all)",
                "app: 2 replicas need a PodDisruptionBudget with minAvailable >= 1");
    }

    @Test
    void aVariableTheServiceNeedsOrAStaleOneIsReported() {
        String withoutKafka = GOOD.replace("KAFKA_BOOTSTRAP_SERVERS: kafka:9092", "LIFELINE_KAFKA_SERVERS: kafka:9092");

        assertThat(rules(withoutKafka).configKeyProblems("app", APP)).containsExactly(
                "app: reads KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092 only works on the developer's machine) but k8s gives its Deployment no such variable",
                "app: k8s sets LIFELINE_KAFKA_SERVERS, which its application.properties never reads");
    }

    @Test
    void secretValuesAreRefusedWhereverTheyAre() {
        String plain = GOOD.replace("valueFrom: {secretKeyRef: {name: app-secrets, key: LIFELINE_DB_PASSWORD}}", "value: hunter2");
        String secret = GOOD + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {token: abc}\n";
        String url = GOOD.replace("kafka:9092", "postgresql://app:s3cret@db/x");

        assertThat(rules(plain).secretProblems())
                .containsExactly("app: env LIFELINE_DB_PASSWORD holds a secret in plain text; use secretKeyRef");
        assertThat(rules(secret).secretProblems())
                .containsExactly("Secret s: holds values; Secrets are created in the cluster, never committed");
        assertThat(rules(url).secretProblems())
                .containsExactly("ConfigMap app-config.data.KAFKA_BOOTSTRAP_SERVERS: looks like a URL with an inline password");
    }

    @Test
    void aMissingOrUnderReplicatedTopicFails() {
        String weak = GOOD.replace("replicas: 3, config: {min.insync.replicas: 2, retention.ms: 34560000000}",
                "replicas: 1, config: {min.insync.replicas: 1, retention.ms: 604800000}");

        assertThat(rules(weak).topicProblems(List.of("incident.opened", "dlq.app"), 3, 2, 90L * 86_400_000L)).containsExactly(
                "topic dlq.app: no KafkaTopic in k8s/base/kafka/topics.yaml",
                "topic incident.opened: replicas 1, needs 3",
                "topic incident.opened: min.insync.replicas 1, needs 2",
                "topic incident.opened: retention.ms 604800000 is shorter than the 90 days postmortems need");
        assertThat(rules(GOOD.replace("spec: {replicas: 3, roles", "spec: {replicas: 1, roles")).kafkaClusterProblems(3, 2))
                .containsExactly("Kafka: 1 broker node(s) cannot hold 3 replicas");
    }

    @Test
    void podsWithoutDefaultDenyOrKafkaAccessOrWithOpenIngressFail() {
        String open = GOOD.replace("policyTypes: [Ingress, Egress]}", "policyTypes: [Ingress, Egress], ingress: [{ports: [{port: 8089}]}]}")
                .replace("port: 9092", "port: 9093");

        assertThat(rules(open).networkProblems("app")).containsExactly(
                "app: no default-deny NetworkPolicy (policyTypes Ingress and Egress, no rules) selects its pods",
                "app: no NetworkPolicy lets it reach Kafka on 9092",
                "app: NetworkPolicy deny admits ingress from anywhere");
    }

    @Test
    void anOverlayPatchingWhatDoesNotExistFails(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("base"));
        Files.createDirectories(dir.resolve("overlay"));
        Files.writeString(dir.resolve("base/kustomization.yaml"), "resources: [app.yaml, gone.yaml]\n");
        Files.writeString(dir.resolve("base/app.yaml"), GOOD);
        Files.writeString(dir.resolve("overlay/kustomization.yaml"), """
                resources: [../base]
                patches:
                  - target: {kind: Deployment, name: app}
                    patch: |-
                      - op: replace
                        path: /spec/replicas
                        value: 2
                      - op: replace
                        path: /spec/template/spec/volumes/3/emptyDir
                        value: {}
                  - target: {kind: Deployment, name: ap}
                    patch: |-
                      - op: add
                        path: /spec/paused
                        value: true
                """);

        assertThat(OverlayRules.check(dir.resolve("overlay"))).containsExactly(
                dir.resolve("base/kustomization.yaml") + ": resource gone.yaml does not exist",
                "overlay: patch replace /spec/template/spec/volumes/3/emptyDir on Deployment app: "
                        + "/spec/template/spec/volumes/3/emptyDir does not exist there",
                "overlay: patch target Deployment ap matches nothing");
    }

    @Test
    void imagesArePinnedOnlyByAReleaseTagOrADigest() {
        assertThat(Images.unpinned("postgres:15.13")).isEmpty();
        assertThat(Images.unpinned("lifeline/app:${LIFELINE_VERSION:-0.1.0-SNAPSHOT}")).isEmpty();
        assertThat(Images.unpinned("registry:5000/app@sha256:abc")).isEmpty();
        assertThat(Images.unpinned("lifeline/app:${LIFELINE_VERSION:-latest}")).isPresent();
        assertThat(Images.unpinned("registry:5000/app")).contains("registry:5000/app has no tag (means latest)");
        assertThat(Images.unpinned("redis:alpine")).isPresent();
        assertThat(Images.unpinned("${IMAGE}")).isPresent();
    }

    @Test
    void aDockerfileIsHeldToTheImageRules() {
        String good = """
                FROM debian:12.11-slim
                RUN apt-get install -y postgresql-client-15
                COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/
                COPY --chown=185 target/quarkus-app/*.jar /deployments/
                COPY --chown=185 target/quarkus-app/app/ /deployments/app/
                COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/
                EXPOSE 8089
                USER 185
                HEALTHCHECK --interval=10s \\
                  CMD curl -fsS http://localhost:8089/q/health/live || exit 1
                """;
        String bad = good.replace("debian:12.11-slim", "debian").replace("USER 185", "USER root")
                .replace("RUN apt-get install -y postgresql-client-15\n", "").replace("/q/health/live", "/q/health");

        assertThat(DockerfileRules.check("app", 8089, List.of("pg_dump"), good)).isEmpty();
        assertThat(DockerfileRules.user(good)).isEqualTo("185");
        assertThat(DockerfileRules.check("app", 8089, List.of("pg_dump"), bad)).containsExactly(
                "app: base image debian has no tag (means latest)",
                "app: the image must end on a non-root USER (has root)",
                "app: HEALTHCHECK must call http://localhost:8089/q/health/live",
                "app: runs pg_dump but its image does not install postgresql-client-15 (copy backup-service's Dockerfile.jvm)");
    }
}
