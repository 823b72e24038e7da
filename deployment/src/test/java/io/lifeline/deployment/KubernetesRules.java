package io.lifeline.deployment;

import static io.lifeline.deployment.Manifests.Yaml2.at;
import static io.lifeline.deployment.Manifests.Yaml2.list;
import static io.lifeline.deployment.Manifests.Yaml2.map;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The rules Lifeline's Kubernetes manifests obey, over a set of objects (the base as written, or
 * an overlay as kustomize renders it). Every check returns readable problems naming the object
 * and what is missing; an empty list means the rule holds.
 */
final class KubernetesRules {

    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";
    static final String REPLICAS_WHY = "lifeline.io/replicas-why";
    static final String SCALING = "lifeline.io/scaling";

    private final Manifests manifests;

    KubernetesRules(Manifests manifests) {
        this.manifests = manifests;
    }

    // --- services -----------------------------------------------------------------------------

    /** Each service has its Deployment, Service (on its port), PodDisruptionBudget and ConfigMap. */
    List<String> missingObjects(String service, int port) {
        List<String> problems = new ArrayList<>();
        if (manifests.find("Deployment", service) == null) {
            problems.add(service + ": no Deployment " + service + " in k8s/ (copy k8s/base/notifier.yaml)");
            return problems;
        }
        Map<String, Object> svc = manifests.find("Service", service);
        if (svc == null) {
            problems.add(service + ": no Service " + service);
        } else if (list(at(svc, "spec").get("ports")).stream().noneMatch(p -> Objects.equals(map(p).get("port"), port))) {
            problems.add(service + ": Service does not expose port " + port);
        }
        if (manifests.find("PodDisruptionBudget", service) == null) {
            problems.add(service + ": no PodDisruptionBudget " + service);
        }
        if (manifests.find("ConfigMap", service + "-config") == null) {
            problems.add(service + ": no ConfigMap " + service + "-config");
        }
        return problems;
    }

    /** Image pinned to the project version, probes on the health endpoints, non-root, read-only root. */
    List<String> containerProblems(String service, int port, String version, String imageUser) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> deployment = manifests.find("Deployment", service);
        if (deployment == null) {
            return List.of(service + ": no Deployment");
        }
        Map<String, Object> pod = at(deployment, "spec", "template", "spec");
        Map<String, Object> podSecurity = map(pod.get("securityContext"));
        if (!Boolean.TRUE.equals(podSecurity.get("runAsNonRoot"))) {
            problems.add(service + ": pod securityContext.runAsNonRoot must be true");
        }
        if (imageUser != null && !imageUser.equals(String.valueOf(podSecurity.get("runAsUser")))) {
            problems.add(service + ": runAsUser " + podSecurity.get("runAsUser") + " is not the image's USER " + imageUser);
        }
        Map<String, Object> container = container(deployment, service);
        if (container.isEmpty()) {
            problems.add(service + ": no container named " + service);
            return problems;
        }
        String image = String.valueOf(container.get("image"));
        if (!image.equals("lifeline/" + service + ":" + version) && !image.endsWith("/lifeline/" + service + ":" + version)
                && !image.contains("@sha256:")) {
            problems.add(service + ": image must be lifeline/" + service + ":" + version + " (the project version), is " + image);
        }
        Images.unpinned(image).ifPresent(why -> problems.add(service + ": image " + why));
        if (list(container.get("ports")).stream().noneMatch(p -> Objects.equals(map(p).get("containerPort"), port))) {
            problems.add(service + ": container does not declare containerPort " + port);
        }
        problems.addAll(probe(service, container, "livenessProbe", LIVE, port));
        problems.addAll(probe(service, container, "readinessProbe", READY, port));
        Map<String, Object> security = map(container.get("securityContext"));
        if (!Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
            problems.add(service + ": container securityContext.readOnlyRootFilesystem must be true");
        }
        if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
            problems.add(service + ": container securityContext.allowPrivilegeEscalation must be false");
        }
        if (!list(at(security, "capabilities").get("drop")).contains("ALL")) {
            problems.add(service + ": container must drop ALL capabilities");
        }
        Map<String, Object> resources = map(container.get("resources"));
        if (at(resources, "requests").get("memory") == null || at(resources, "requests").get("cpu") == null
                || at(resources, "limits").get("memory") == null) {
            problems.add(service + ": resources need requests (cpu, memory) and a memory limit");
        }
        Map<String, String> emptyDirs = new LinkedHashMap<>();
        Set<String> volumes = new TreeSet<>();
        for (Object v : list(pod.get("volumes"))) {
            String name = String.valueOf(map(v).get("name"));
            volumes.add(name);
            if (map(v).containsKey("emptyDir")) {
                emptyDirs.put(name, name);
            }
        }
        boolean tmp = false;
        for (Object m : list(container.get("volumeMounts"))) {
            String volume = String.valueOf(map(m).get("name"));
            if (!volumes.contains(volume)) {
                problems.add(service + ": mounts volume " + volume + ", which the pod does not declare");
            }
            if ("/tmp".equals(map(m).get("mountPath")) && emptyDirs.containsKey(volume)) {
                tmp = true;
            }
        }
        if (!tmp) {
            problems.add(service + ": read-only root filesystem needs an emptyDir mounted at /tmp");
        }
        return problems;
    }

    private static List<String> probe(String service, Map<String, Object> container, String kind, String path, int port) {
        Map<String, Object> get = at(container, kind, "httpGet");
        if (!path.equals(get.get("path"))) {
            return List.of(service + ": " + kind + " must GET " + path + ", has " + get.get("path"));
        }
        Object probePort = get.get("port");
        boolean named = list(container.get("ports")).stream()
                .anyMatch(p -> Objects.equals(map(p).get("name"), probePort) && Objects.equals(map(p).get("containerPort"), port));
        if (!Objects.equals(probePort, port) && !named) {
            return List.of(service + ": " + kind + " must probe port " + port + ", probes " + probePort);
        }
        return List.of();
    }

    /**
     * Replicas say why (annotations {@value #SCALING} and {@value #REPLICAS_WHY}), and the manifest
     * behaves as it says: a singleton is exactly one and never doubled during a rollout
     * (Recreate); several replicas of a horizontal service spread over nodes and keep one up
     * during a drain.
     */
    List<String> replicaProblems(String service) {
        Map<String, Object> deployment = manifests.find("Deployment", service);
        if (deployment == null) {
            return List.of(service + ": no Deployment");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> annotations = at(deployment, "metadata", "annotations");
        Object why = annotations.get(REPLICAS_WHY);
        if (why == null || String.valueOf(why).isBlank()) {
            problems.add(service + ": Deployment needs the annotation " + REPLICAS_WHY + " (why this many replicas)");
        }
        Object scaling = annotations.get(SCALING);
        Map<String, Object> spec = at(deployment, "spec");
        int replicas = spec.get("replicas") instanceof Integer i ? i : 1;
        Map<String, Object> budget = manifests.find("PodDisruptionBudget", service);
        Map<String, Object> pdb = budget == null ? Map.of() : at(budget, "spec");
        if ("singleton".equals(scaling)) {
            if (replicas != 1) {
                problems.add(service + ": a singleton runs " + replicas + " replicas");
            }
            if (!"Recreate".equals(at(spec, "strategy").get("type"))) {
                problems.add(service + ": a singleton must use strategy Recreate (a rolling update runs two at once)");
            }
        } else if ("horizontal".equals(scaling)) {
            if (replicas > 1 && at(spec, "template", "spec", "affinity", "podAntiAffinity").isEmpty()) {
                problems.add(service + ": " + replicas + " replicas need podAntiAffinity (one node must not hold them all)");
            }
            if (replicas > 1 && !(pdb.get("minAvailable") instanceof Integer m && m >= 1)) {
                problems.add(service + ": " + replicas + " replicas need a PodDisruptionBudget with minAvailable >= 1");
            }
        } else {
            problems.add(service + ": Deployment needs the annotation " + SCALING + ": singleton or horizontal, has " + scaling);
        }
        if (budget != null && !selects(at(pdb, "selector", "matchLabels"), podLabels(deployment))) {
            problems.add(service + ": its PodDisruptionBudget does not select its pods");
        }
        return problems;
    }

    // --- configuration ------------------------------------------------------------------------

    /** Environment names a Deployment's container gets: env entries plus keys of envFrom ConfigMaps. */
    Map<String, String> environment(String service, List<String> problems) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> container = container(manifests.find("Deployment", service), service);
        for (Object from : list(container.get("envFrom"))) {
            Map<String, Object> ref = map(map(from).get("configMapRef"));
            if (map(from).containsKey("secretRef")) {
                problems.add(service + ": envFrom secretRef hides which secrets it gets; use env with secretKeyRef per key");
                continue;
            }
            Map<String, Object> configMap = manifests.find("ConfigMap", String.valueOf(ref.get("name")));
            if (configMap == null) {
                problems.add(service + ": envFrom ConfigMap " + ref.get("name") + " does not exist");
                continue;
            }
            map(configMap.get("data")).forEach((k, v) -> env.put(k, "configmap:" + ref.get("name")));
        }
        for (Object e : list(container.get("env"))) {
            Map<String, Object> entry = map(e);
            env.put(String.valueOf(entry.get("name")), entry.containsKey("valueFrom") ? "valueFrom" : "value");
        }
        return env;
    }

    /**
     * Every variable the service must get in a container (no default, or a loopback default) is
     * provided; every LIFELINE_ or KAFKA_ variable set only for this service is one it reads.
     */
    List<String> configKeyProblems(String service, AppProperties properties) {
        List<String> problems = new ArrayList<>();
        if (manifests.find("Deployment", service) == null) {
            return List.of(service + ": no Deployment");
        }
        Map<String, String> env = environment(service, problems);
        for (String needed : properties.mustBeProvided()) {
            if (!env.containsKey(needed)) {
                problems.add(service + ": reads " + needed + " (" + describe(properties.variables().get(needed))
                        + ") but k8s gives its Deployment no such variable");
            }
        }
        env.forEach((name, source) -> {
            boolean own = !source.equals("configmap:lifeline-common");
            if (own && (name.startsWith("LIFELINE_") || name.startsWith("KAFKA_")) && !properties.reads(name)) {
                problems.add(service + ": k8s sets " + name + ", which its application.properties never reads");
            }
        });
        return problems;
    }

    static String describe(AppProperties.Variable v) {
        return v == null ? "?" : v.hasDefault() ? "default " + v.defaultValue() + " only works on the developer's machine" : "no default";
    }

    /**
     * No secret value in the manifests: no Secret object carries data, secret-named variables
     * come from secretKeyRef (or name a mounted file), and no value anywhere looks like a credential.
     */
    List<String> secretProblems() {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> secret : manifests.ofKind("Secret")) {
            if (!map(secret.get("data")).isEmpty() || !map(secret.get("stringData")).isEmpty()) {
                problems.add("Secret " + Manifests.name(secret) + ": holds values; Secrets are created in the cluster, never committed");
            }
        }
        for (Map<String, Object> configMap : manifests.ofKind("ConfigMap")) {
            map(configMap.get("data")).forEach((k, v) -> {
                if (ComposeRules.isSecretKey(k) && !isFilePath(v)) {
                    problems.add("ConfigMap " + Manifests.name(configMap) + ": " + k + " is a secret; use a Secret and secretKeyRef");
                }
            });
        }
        for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
            for (Object c : list(at(deployment, "spec", "template", "spec").get("containers"))) {
                for (Object e : list(map(c).get("env"))) {
                    Map<String, Object> entry = map(e);
                    String name = String.valueOf(entry.get("name"));
                    if (ComposeRules.isSecretKey(name) && entry.containsKey("value") && !isFilePath(entry.get("value"))) {
                        problems.add(Manifests.name(deployment) + ": env " + name + " holds a secret in plain text; use secretKeyRef");
                    }
                }
            }
        }
        for (Map<String, Object> object : manifests.objects) {
            String where = Manifests.kind(object) + " " + Manifests.name(object);
            walkScalars(object, where, (path, value) -> problems.addAll(ComposeRules.secretValues(path, value)));
        }
        return problems;
    }

    /** Secret names the manifests reference (secretKeyRef and secret volumes): what an operator must create. */
    Set<String> referencedSecrets() {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> object : manifests.objects) {
            walk(object, node -> {
                Object ref = node.get("secretKeyRef");
                if (ref != null) {
                    names.add(String.valueOf(map(ref).get("name")));
                }
                Object volume = node.get("secret");
                if (volume instanceof Map<?, ?> v && v.get("secretName") != null) {
                    names.add(String.valueOf(v.get("secretName")));
                }
            });
        }
        return names;
    }

    private static boolean isFilePath(Object value) {
        return value instanceof String s && s.startsWith("/") && !s.contains(" ");
    }

    // --- Kafka --------------------------------------------------------------------------------

    /** Declared topic name -> its KafkaTopic spec. */
    Map<String, Map<String, Object>> topics() {
        Map<String, Map<String, Object>> topics = new LinkedHashMap<>();
        for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
            Map<String, Object> spec = at(topic, "spec");
            String name = spec.get("topicName") != null ? String.valueOf(spec.get("topicName")) : Manifests.name(topic);
            topics.put(name, spec);
        }
        return topics;
    }

    /** Every expected topic declared, with at least this replication, min ISR and retention. */
    List<String> topicProblems(Collection<String> expected, int replicas, int minIsr, long minRetentionMs) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> declared = topics();
        for (String topic : expected) {
            if (!declared.containsKey(topic)) {
                problems.add("topic " + topic + ": no KafkaTopic in k8s/base/kafka/topics.yaml");
            }
        }
        declared.forEach((topic, spec) -> {
            if (!(spec.get("replicas") instanceof Integer r && r >= replicas)) {
                problems.add("topic " + topic + ": replicas " + spec.get("replicas") + ", needs " + replicas);
            }
            Map<String, Object> config = map(spec.get("config"));
            if (!(config.get("min.insync.replicas") instanceof Integer m && m >= minIsr)) {
                problems.add("topic " + topic + ": min.insync.replicas " + config.get("min.insync.replicas") + ", needs " + minIsr);
            }
            Object retention = config.get("retention.ms");
            long ms = retention instanceof Number n ? n.longValue() : 0;
            if (ms != -1 && ms < minRetentionMs) {
                problems.add("topic " + topic + ": retention.ms " + retention + " is shorter than the "
                        + (minRetentionMs / 86_400_000L) + " days postmortems need");
            }
            if (!(spec.get("partitions") instanceof Integer p && p >= 1)) {
                problems.add("topic " + topic + ": partitions must be set");
            }
        });
        return problems;
    }

    /** The Kafka cluster can hold that replication: enough broker nodes, and defaults that match. */
    List<String> kafkaClusterProblems(int replicas, int minIsr) {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> clusters = manifests.ofKind("Kafka");
        if (clusters.size() != 1) {
            return List.of("expected one Strimzi Kafka, found " + clusters.size());
        }
        Map<String, Object> config = at(clusters.get(0), "spec", "kafka", "config");
        int brokers = manifests.ofKind("KafkaNodePool").stream()
                .filter(pool -> list(at(pool, "spec").get("roles")).contains("broker"))
                .mapToInt(pool -> at(pool, "spec").get("replicas") instanceof Integer i ? i : 0).sum();
        if (brokers < replicas) {
            problems.add("Kafka: " + brokers + " broker node(s) cannot hold " + replicas + " replicas");
        }
        for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor")) {
            if (!Objects.equals(config.get(key), replicas)) {
                problems.add("Kafka: " + key + " is " + config.get(key) + ", expected " + replicas);
            }
        }
        if (!Objects.equals(config.get("min.insync.replicas"), minIsr)) {
            problems.add("Kafka: min.insync.replicas is " + config.get("min.insync.replicas") + ", expected " + minIsr);
        }
        if (!Boolean.FALSE.equals(config.get("auto.create.topics.enable"))) {
            problems.add("Kafka: auto.create.topics.enable must be false (every topic is a KafkaTopic)");
        }
        return problems;
    }

    // --- network --------------------------------------------------------------------------------

    /**
     * Each service's pods are under a default-deny policy (Ingress and Egress, no rule), may reach
     * Kafka on 9092, and no ingress rule admits everyone; the brokers admit only listed peers.
     */
    List<String> networkProblems(String service) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> deployment = manifests.find("Deployment", service);
        if (deployment == null) {
            return List.of(service + ": no Deployment");
        }
        Map<String, Object> labels = podLabels(deployment);
        List<Map<String, Object>> policies = manifests.ofKind("NetworkPolicy").stream()
                .filter(p -> selects(at(p, "spec", "podSelector", "matchLabels"), labels)).toList();
        boolean denyAll = policies.stream().anyMatch(p -> {
            Map<String, Object> spec = at(p, "spec");
            return list(spec.get("policyTypes")).containsAll(List.of("Ingress", "Egress"))
                    && list(spec.get("ingress")).isEmpty() && list(spec.get("egress")).isEmpty();
        });
        if (!denyAll) {
            problems.add(service + ": no default-deny NetworkPolicy (policyTypes Ingress and Egress, no rules) selects its pods");
        }
        boolean kafka = policies.stream().flatMap(p -> list(at(p, "spec").get("egress")).stream())
                .anyMatch(rule -> list(map(rule).get("ports")).stream().anyMatch(port -> Objects.equals(map(port).get("port"), 9092)));
        if (!kafka) {
            problems.add(service + ": no NetworkPolicy lets it reach Kafka on 9092");
        }
        policies.forEach(p -> list(at(p, "spec").get("ingress")).forEach(rule -> {
            if (list(map(rule).get("from")).isEmpty()) {
                problems.add(service + ": NetworkPolicy " + Manifests.name(p) + " admits ingress from anywhere");
            }
        }));
        for (Map<String, Object> cluster : manifests.ofKind("Kafka")) {
            for (Object listener : list(at(cluster, "spec", "kafka").get("listeners"))) {
                List<?> peers = list(map(listener).get("networkPolicyPeers"));
                boolean admitted = peers.stream().anyMatch(peer -> selects(at(map(peer), "podSelector", "matchLabels"), labels));
                if (!admitted) {
                    problems.add(service + ": Kafka listener " + map(listener).get("name") + " does not list its pods in networkPolicyPeers");
                }
            }
        }
        return problems;
    }

    // --- helpers --------------------------------------------------------------------------------

    static Map<String, Object> container(Map<String, Object> deployment, String name) {
        if (deployment == null) {
            return Map.of();
        }
        return list(at(deployment, "spec", "template", "spec").get("containers")).stream()
                .map(c -> map(c)).filter(c -> name.equals(c.get("name"))).findFirst().orElse(Map.of());
    }

    static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return at(deployment, "spec", "template", "metadata", "labels");
    }

    /** A non-empty matchLabels whose every pair the labels carry. */
    static boolean selects(Map<String, Object> matchLabels, Map<String, Object> labels) {
        return !matchLabels.isEmpty() && matchLabels.entrySet().stream()
                .allMatch(e -> Objects.equals(String.valueOf(labels.get(e.getKey())), String.valueOf(e.getValue())));
    }

    private static void walk(Object node, java.util.function.Consumer<Map<String, Object>> visitor) {
        if (node instanceof Map<?, ?>) {
            Map<String, Object> m = map(node);
            visitor.accept(m);
            m.values().forEach(v -> walk(v, visitor));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> walk(v, visitor));
        }
    }

    private static void walkScalars(Object node, String path, BiConsumer<String, String> visitor) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walkScalars(v, path + "." + k, visitor));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walkScalars(l.get(i), path + "[" + i + "]", visitor);
            }
        } else if (node != null) {
            visitor.accept(path, String.valueOf(node));
        }
    }
}
