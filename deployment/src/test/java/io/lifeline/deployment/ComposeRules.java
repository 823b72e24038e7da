package io.lifeline.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The rules Lifeline's docker-compose.yml must obey, written once so that the real file and
 * deliberately bad samples go through the same checks. Every check returns human-readable
 * violations ("service: what is wrong"); an empty list means the rule holds.
 */
final class ComposeRules {

    /** Conditions Docker Compose accepts in the long form of {@code depends_on}. */
    static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");

    /** Words that make an environment key a secret (substring, case-insensitive). */
    static final List<String> SECRET_WORDS = List.of("PASSWORD", "SECRET", "TOKEN", "KEY", "CREDENTIAL");

    /** A {@code ${NAME}}, {@code ${NAME:?msg}} or {@code ${NAME?msg}} reference: no default value in the file. */
    private static final Pattern REFERENCE_WITHOUT_DEFAULT = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}");

    /** Values that are credentials whatever key they sit under. */
    private static final Map<String, Pattern> SECRET_VALUE_PATTERNS = new LinkedHashMap<>();
    static {
        SECRET_VALUE_PATTERNS.put("a private key", Pattern.compile("-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----"));
        SECRET_VALUE_PATTERNS.put("an AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"));
        SECRET_VALUE_PATTERNS.put("a Slack webhook URL",
                Pattern.compile("hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"));
        SECRET_VALUE_PATTERNS.put("a URL with an inline password",
                Pattern.compile("\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:(?!\\$\\{)[^@\\s/]+@"));
    }

    private static final Pattern NAMED_VOLUME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private final Map<String, Object> compose;
    private final Map<String, Map<String, Object>> services;

    private ComposeRules(Map<String, Object> compose) {
        this.compose = compose;
        this.services = new LinkedHashMap<>();
        asMap(compose.get("services")).forEach((name, definition) -> services.put(name, asMap(definition)));
    }

    static ComposeRules parse(String yaml) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException("a compose file is a YAML mapping, got: " + document);
        }
        return new ComposeRules(asMap(document));
    }

    Set<String> serviceNames() {
        return services.keySet();
    }

    Map<String, Object> service(String name) {
        return services.get(name);
    }

    /** Every rule at once. */
    List<String> violations() {
        List<String> all = new ArrayList<>();
        all.addAll(imageOrBuild());
        all.addAll(healthchecks());
        all.addAll(restartPolicies());
        all.addAll(dependsOn());
        all.addAll(plainTextSecrets());
        all.addAll(undeclaredVolumes());
        all.addAll(undeclaredSecrets());
        return all;
    }

    List<String> imageOrBuild() {
        List<String> problems = new ArrayList<>();
        services.forEach((name, service) -> {
            if (!service.containsKey("image") && !service.containsKey("build")) {
                problems.add(name + ": has neither image nor build");
            }
        });
        return problems;
    }

    /**
     * The ONE-SHOT JOB RULE: a service with {@code restart: "no"} is a job that runs and exits
     * (it can never be "healthy"). Such a job needs no healthcheck, and whoever waits on it must
     * wait with {@code condition: service_completed_successfully} (checked in {@link #dependsOn()}).
     * Every other service is long-running.
     */
    Set<String> oneShotJobs() {
        Set<String> jobs = new TreeSet<>();
        services.forEach((name, service) -> {
            Object restart = service.get("restart");
            // YAML 1.1 reads an unquoted `no` as false: treat it the same.
            if ("no".equals(restart) || Boolean.FALSE.equals(restart)) {
                jobs.add(name);
            }
        });
        return jobs;
    }

    /** Every long-running service has a healthcheck with a test (one-shot jobs are exempt, see {@link #oneShotJobs()}). */
    List<String> healthchecks() {
        List<String> problems = new ArrayList<>();
        Set<String> jobs = oneShotJobs();
        services.forEach((name, service) -> {
            if (jobs.contains(name)) {
                return;
            }
            if (!hasHealthcheck(service)) {
                problems.add(name + ": long-running service without a healthcheck test "
                        + "(only one-shot jobs with restart \"no\" may omit it)");
            }
        });
        return problems;
    }

    /** Long-running services come back after a crash or a reboot of the host. */
    List<String> restartPolicies() {
        List<String> problems = new ArrayList<>();
        Set<String> jobs = oneShotJobs();
        services.forEach((name, service) -> {
            if (!jobs.contains(name) && !"unless-stopped".equals(service.get("restart"))) {
                problems.add(name + ": long-running service needs restart: unless-stopped, has " + service.get("restart"));
            }
        });
        return problems;
    }

    /** Each dependency uses the long form with a condition the target can actually reach. */
    List<String> dependsOn() {
        List<String> problems = new ArrayList<>();
        Set<String> jobs = oneShotJobs();
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn == null) {
                return;
            }
            if (!(dependsOn instanceof Map)) {
                problems.add(name + ": depends_on must use the long form (service: {condition: ...}), got " + dependsOn);
                return;
            }
            asMap(dependsOn).forEach((target, spec) -> {
                Object condition = spec instanceof Map ? ((Map<?, ?>) spec).get("condition") : null;
                if (!services.containsKey(target)) {
                    problems.add(name + ": depends on " + target + ", which is not a service of this file");
                }
                if (condition == null) {
                    problems.add(name + ": depends on " + target + " without a condition");
                    return;
                }
                if (!CONDITIONS.contains(condition)) {
                    problems.add(name + ": depends on " + target + " with unknown condition " + condition);
                    return;
                }
                if (!services.containsKey(target)) {
                    return;
                }
                if (jobs.contains(target) && !"service_completed_successfully".equals(condition)) {
                    problems.add(name + ": depends on one-shot job " + target
                            + " with " + condition + "; a job is waited on with service_completed_successfully");
                }
                if (!jobs.contains(target) && "service_completed_successfully".equals(condition)) {
                    problems.add(name + ": waits for long-running " + target + " to complete; it never will");
                }
                if ("service_healthy".equals(condition) && !hasHealthcheck(services.get(target))) {
                    problems.add(name + ": waits for " + target + " to be healthy, but it has no healthcheck");
                }
            });
        });
        return problems;
    }

    /**
     * Secrets never appear in the file: environment keys that name a secret take their value
     * from a {@code ${VAR}} without a default, or point at a {@code /run/secrets/} file; and no
     * value anywhere looks like a credential.
     */
    List<String> plainTextSecrets() {
        List<String> problems = new ArrayList<>();
        services.forEach((name, service) -> environment(service).forEach((key, value) -> {
            if (isSecretKey(key) && !isSecretReference(value)) {
                problems.add(name + ": environment " + key + " holds a secret in plain text; use ${VAR} "
                        + "(no default) with the value in .env, or a /run/secrets/ file");
            }
        }));
        walkScalars(compose, "", (path, value) -> problems.addAll(secretValues(path, value)));
        return problems;
    }

    /** Problems for one value that looks like a credential, whatever its key. */
    static List<String> secretValues(String where, String value) {
        List<String> problems = new ArrayList<>();
        SECRET_VALUE_PATTERNS.forEach((what, pattern) -> {
            if (pattern.matcher(value).find()) {
                problems.add(where + ": looks like " + what);
            }
        });
        return problems;
    }

    static boolean isSecretKey(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(upper::contains);
    }

    static boolean isSecretReference(String value) {
        return value != null
                && (REFERENCE_WITHOUT_DEFAULT.matcher(value).matches() || value.startsWith("/run/secrets/"));
    }

    /** Every named volume a service mounts is declared at the top level (else data would not survive). */
    List<String> undeclaredVolumes() {
        Set<String> declared = asMap(compose.get("volumes")).keySet();
        List<String> problems = new ArrayList<>();
        services.forEach((name, service) -> {
            for (Object mount : asList(service.get("volumes"))) {
                String source = volumeSource(mount);
                if (source != null && NAMED_VOLUME.matcher(source).matches() && !declared.contains(source)) {
                    problems.add(name + ": mounts named volume " + source + ", which is not declared under volumes:");
                }
            }
        });
        return problems;
    }

    List<String> undeclaredSecrets() {
        Set<String> declared = asMap(compose.get("secrets")).keySet();
        List<String> problems = new ArrayList<>();
        services.forEach((name, service) -> {
            for (Object secret : asList(service.get("secrets"))) {
                Object source = secret instanceof Map ? ((Map<?, ?>) secret).get("source") : secret;
                if (!declared.contains(String.valueOf(source))) {
                    problems.add(name + ": uses secret " + source + ", which is not declared under secrets:");
                }
            }
        });
        return problems;
    }

    /**
     * Every Lifeline service folder (one with {@code src/main/docker/Dockerfile.jvm}) runs here,
     * as a compose service of the same name built from that folder with that Dockerfile, and
     * tagged {@code lifeline/<name>}.
     */
    List<String> missingServices(Collection<String> serviceDirectories) {
        List<String> problems = new ArrayList<>();
        for (String dir : serviceDirectories) {
            Map<String, Object> service = services.get(dir);
            if (service == null) {
                problems.add(dir + ": is a Lifeline service but has no service in docker-compose.yml (see deployment/README.md)");
                continue;
            }
            Object build = service.get("build");
            String context = build instanceof Map ? String.valueOf(((Map<?, ?>) build).get("context")) : String.valueOf(build);
            String dockerfile = build instanceof Map ? String.valueOf(((Map<?, ?>) build).get("dockerfile")) : null;
            if (!normalise(context).equals(dir)) {
                problems.add(dir + ": is not built from ./" + dir + " (build context: " + context + ")");
            }
            if (!"src/main/docker/Dockerfile.jvm".equals(dockerfile)) {
                problems.add(dir + ": build.dockerfile must be src/main/docker/Dockerfile.jvm, is " + dockerfile);
            }
            if (!String.valueOf(service.get("image")).startsWith("lifeline/" + dir + ":")) {
                problems.add(dir + ": image must be lifeline/" + dir + ":<tag>, is " + service.get("image"));
            }
        }
        return problems;
    }

    /**
     * Every variable the service must get in a container (no default, or a loopback default) is in
     * its environment; every LIFELINE_ or KAFKA_ variable it is given is one it reads (a misspelt
     * or stale name would otherwise be silently ignored).
     */
    List<String> configKeyProblems(String name, AppProperties properties) {
        Map<String, Object> service = services.get(name);
        if (service == null) {
            return List.of(name + ": no service in docker-compose.yml");
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> env = environment(service);
        for (String needed : properties.mustBeProvided()) {
            if (!env.containsKey(needed)) {
                problems.add(name + ": reads " + needed + " (" + KubernetesRules.describe(properties.variables().get(needed))
                        + ") but docker-compose.yml does not set it");
            }
        }
        env.keySet().forEach(key -> {
            if ((key.startsWith("LIFELINE_") || key.startsWith("KAFKA_")) && !properties.reads(key)) {
                problems.add(name + ": docker-compose.yml sets " + key + ", which its application.properties never reads");
            }
        });
        return problems;
    }

    /** The service listens where its application.properties says, and compose checks readiness there. */
    List<String> portProblems(String name, int port) {
        Map<String, Object> service = services.get(name);
        if (service == null) {
            return List.of(name + ": no service in docker-compose.yml");
        }
        List<String> problems = new ArrayList<>();
        String configured = environment(service).get("QUARKUS_HTTP_PORT");
        if (configured != null && !configured.equals(String.valueOf(port))) {
            problems.add(name + ": QUARKUS_HTTP_PORT " + configured + " is not its port " + port);
        }
        if (!String.valueOf(asMap(service.get("healthcheck")).get("test")).contains("localhost:" + port + "/q/health/ready")) {
            problems.add(name + ": healthcheck must call http://localhost:" + port + "/q/health/ready");
        }
        return problems;
    }

    /**
     * A service waits for the Lifeline infrastructure its environment names as a host (Kafka,
     * Lifeline's PostgreSQL, the bucket job): {@code kafka:9092} in a value means depends_on kafka.
     * What it monitors or protects is not infrastructure: it must start while that is down.
     */
    List<String> infrastructureDependencyProblems(String name, Map<String, String> hostToVariable) {
        Map<String, Object> service = services.get(name);
        if (service == null) {
            return List.of(name + ": no service in docker-compose.yml");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> dependsOn = asMap(service.get("depends_on") instanceof Map ? service.get("depends_on") : null);
        Map<String, String> env = environment(service);
        hostToVariable.forEach((host, variable) -> {
            String value = env.get(variable);
            String target = host.split(":")[0];
            if (value != null && value.contains(host) && !waitsFor(name, target, new java.util.HashSet<>())) {
                problems.add(name + ": " + variable + " points at " + target + " but it does not depend_on it");
            }
        });
        return problems;
    }

    /** Whether a service waits for another, directly or through what it waits for (e.g. minio-init waits for minio). */
    boolean waitsFor(String name, String target, Set<String> seen) {
        if (!seen.add(name) || !services.containsKey(name)) {
            return false;
        }
        Object dependsOn = services.get(name).get("depends_on");
        if (!(dependsOn instanceof Map)) {
            return false;
        }
        for (String dependency : asMap(dependsOn).keySet()) {
            if (dependency.equals(target) || waitsFor(dependency, target, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Every image reference, as written, by service. */
    Map<String, String> images() {
        Map<String, String> images = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (service.get("image") != null) {
                images.put(name, String.valueOf(service.get("image")));
            }
        });
        return images;
    }

    /** Top-level folders of the repository that hold a Lifeline service image definition. */
    static Set<String> serviceDirectories(Path repoRoot) throws IOException {
        try (Stream<Path> children = Files.list(repoRoot)) {
            return children
                    .filter(dir -> Files.isRegularFile(dir.resolve("src/main/docker/Dockerfile.jvm")))
                    .map(dir -> dir.getFileName().toString())
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    /** Variables the file interpolates, split into those with and without a default. */
    record Variables(Set<String> required, Set<String> optional) {
        Set<String> all() {
            Set<String> all = new TreeSet<>(required);
            all.addAll(optional);
            return all;
        }
    }

    /**
     * Reads the variables from the parsed values (so comments don't count), following Compose's
     * interpolation: {@code $$} is a literal dollar; {@code ${A:-x}}, {@code ${A-x}}, {@code ${A:+x}}
     * and {@code ${A+x}} work without A; {@code $A}, {@code ${A}} and {@code ${A:?msg}} need it.
     */
    Variables variables() {
        Set<String> required = new TreeSet<>();
        Set<String> optional = new TreeSet<>();
        walkScalars(compose, "", (path, value) -> {
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) != '$' || i + 1 >= value.length()) {
                    continue;
                }
                char next = value.charAt(i + 1);
                if (next == '$') {
                    i++;
                    continue;
                }
                Matcher braced = BRACED.matcher(value).region(i, value.length());
                Matcher bare = BARE.matcher(value).region(i, value.length());
                if (braced.lookingAt()) {
                    String operator = braced.group(2);
                    boolean hasDefault = operator != null && !operator.endsWith("?");
                    (hasDefault ? optional : required).add(braced.group(1));
                } else if (bare.lookingAt()) {
                    required.add(bare.group(1));
                }
            }
        });
        optional.removeAll(required);
        return new Variables(required, optional);
    }

    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?[^}]*}");
    private static final Pattern BARE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** {@code NAME=value} lines of an env file; comments and blank lines skipped. */
    static Map<String, String> envFileValues(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.trim();
            int eq = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
                continue;
            }
            values.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
        }
        return values;
    }

    /** The required variables an env file does not set. */
    static Set<String> unsetVariables(Set<String> required, String envFileText) {
        Set<String> unset = new TreeSet<>(required);
        unset.removeAll(envFileValues(envFileText).keySet());
        return unset;
    }

    /** Names an env file mentions at all, set or commented out ({@code # NAME=default}). */
    static Set<String> envFileMentions(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*#?\\s*([A-Za-z_][A-Za-z0-9_]*)=").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    // --- helpers --------------------------------------------------------------------------------

    private static boolean hasHealthcheck(Map<String, Object> service) {
        Map<String, Object> healthcheck = asMap(service.get("healthcheck"));
        if (Boolean.TRUE.equals(healthcheck.get("disable"))) {
            return false;
        }
        Object test = healthcheck.get("test");
        if (test instanceof List<?> list) {
            return !list.isEmpty() && !"NONE".equals(list.get(0)) && list.size() > 1;
        }
        return test instanceof String s && !s.isBlank();
    }

    /** environment as a map, whichever of the two Compose syntaxes the file uses. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else {
            for (Object entry : asList(raw)) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    private static String volumeSource(Object mount) {
        if (mount instanceof Map<?, ?> map) {
            Object type = map.get("type");
            return type == null || "volume".equals(type) ? (String) map.get("source") : null;
        }
        String[] parts = String.valueOf(mount).split(":");
        return parts.length >= 2 ? parts[0] : null; // a single part is an anonymous volume
    }

    private static String normalise(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static void walkScalars(Object node, String path, BiConsumer<String, String> visitor) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walkScalars(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, visitor));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walkScalars(list.get(i), path + "[" + i + "]", visitor);
            }
        } else if (node != null) {
            visitor.accept(path, String.valueOf(node));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map)) {
            throw new IllegalArgumentException("expected a mapping, got: " + node);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<Object, Object>) node).forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static List<?> asList(Object node) {
        return node instanceof List<?> list ? list : List.of();
    }
}
