package io.lifeline.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every service image must be: Quarkus's JVM layout, a pinned base, a non-root user, a
 * HEALTHCHECK on the liveness endpoint of the service's own port, and the PostgreSQL 15 client
 * tools when the service runs them.
 */
final class DockerfileRules {

    static final List<String> QUARKUS_LAYERS = List.of(
            "target/quarkus-app/lib/ /deployments/lib/",
            "target/quarkus-app/*.jar /deployments/",
            "target/quarkus-app/app/ /deployments/app/",
            "target/quarkus-app/quarkus/ /deployments/quarkus/");

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$");

    private DockerfileRules() {
    }

    /** Problems of one service's Dockerfile ({@code name: what is wrong}); empty when it obeys. */
    static List<String> check(String name, int port, List<String> postgresTools, String dockerfile) {
        List<String> problems = new ArrayList<>();
        Matcher from = FROM.matcher(dockerfile);
        if (!from.find()) {
            problems.add(name + ": Dockerfile.jvm has no FROM");
        } else {
            Images.unpinned(from.group(1)).ifPresent(why -> problems.add(name + ": base image " + why));
        }
        String user = lastMatch(USER, dockerfile);
        if (user == null || user.equals("root") || user.equals("0") || user.startsWith("0:") || user.startsWith("root:")) {
            problems.add(name + ": the image must end on a non-root USER (has " + user + ")");
        } else if (!user.matches("[1-9]\\d*(:\\d+)?")) {
            problems.add(name + ": USER must be numeric (Kubernetes runAsNonRoot can only verify a uid), is " + user);
        }
        for (String layer : QUARKUS_LAYERS) {
            if (!dockerfile.contains(layer)) {
                problems.add(name + ": not Quarkus's JVM layout, missing COPY " + layer);
            }
        }
        String check = instruction("HEALTHCHECK", dockerfile);
        if (!check.contains("http://localhost:" + port + "/q/health/live")) {
            problems.add(name + ": HEALTHCHECK must call http://localhost:" + port + "/q/health/live");
        }
        if (!Pattern.compile("(?m)^EXPOSE\\s+" + port + "\\b").matcher(dockerfile).find()) {
            problems.add(name + ": must EXPOSE its HTTP port " + port);
        }
        if (!postgresTools.isEmpty() && !dockerfile.contains("postgresql-client-15")) {
            problems.add(name + ": runs " + String.join(", ", postgresTools)
                    + " but its image does not install postgresql-client-15 (copy backup-service's Dockerfile.jvm)");
        }
        return problems;
    }

    /** The first instruction of that name with its continuation lines (ending in a backslash), or "". */
    static String instruction(String name, String dockerfile) {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : dockerfile.split("\\R")) {
            if (!inside && !line.startsWith(name + " ")) {
                continue;
            }
            inside = true;
            out.append(line).append('\n');
            if (!line.stripTrailing().endsWith("\\")) {
                break;
            }
        }
        return out.toString();
    }

    /** The uid the image runs as, for matching Kubernetes' runAsUser. */
    static String user(String dockerfile) {
        String user = lastMatch(USER, dockerfile);
        return user == null ? null : user.split(":")[0];
    }

    private static String lastMatch(Pattern p, String text) {
        Matcher m = p.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }
}
