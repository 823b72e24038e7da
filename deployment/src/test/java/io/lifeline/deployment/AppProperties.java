package io.lifeline.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's {@code application.properties} says about deploying it: the environment
 * variables it reads ({@code ${NAME:default}}), its HTTP port, its Kafka topics, consumer groups
 * and dead-letter topics. Only what runs in production counts: {@code %test.} and {@code %dev.}
 * lines are skipped, unprofiled and {@code %prod.} lines are read.
 */
final class AppProperties {

    /** Environment-style names (Quarkus maps {@code LIFELINE_X} to {@code lifeline.x}); lower-case references are property references. */
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern LOOPBACK = Pattern.compile("\\b(127\\.0\\.0\\.1|localhost)\\b");
    private static final Pattern HTTP_PORT = Pattern.compile("(?:\\$\\{QUARKUS_HTTP_PORT:)?(\\d+)}?");

    /** A variable the file reads and its default ({@code null} when it has none). */
    record Variable(String name, String defaultValue) {
        boolean hasDefault() {
            return defaultValue != null;
        }

        /** A default that points at the process's own machine cannot be right in a container. */
        boolean loopbackDefault() {
            return defaultValue != null && LOOPBACK.matcher(defaultValue).find();
        }
    }

    private final Map<String, String> properties;
    private final Map<String, Variable> variables;

    private AppProperties(Map<String, String> properties, Map<String, Variable> variables) {
        this.properties = properties;
        this.variables = variables;
    }

    static AppProperties read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static AppProperties parse(String text) {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Variable> variables = new TreeMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = trimmed.substring(0, eq).strip();
            String value = trimmed.substring(eq + 1).strip();
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                List<String> profiles = List.of(key.substring(1, Math.max(dot, 1)).split(","));
                if (dot < 0 || !profiles.contains("prod")) {
                    continue;
                }
                key = key.substring(dot + 1);
            }
            properties.put(key, value);
            collectVariables(value, variables);
        }
        return new AppProperties(properties, variables);
    }

    /** Reads every {@code ${NAME}} / {@code ${NAME:default}} in a value, nested defaults included. */
    private static void collectVariables(String value, Map<String, Variable> into) {
        int i = value.indexOf("${");
        while (i >= 0) {
            int end = matchingBrace(value, i + 1);
            if (end < 0) {
                return;
            }
            String body = value.substring(i + 2, end);
            int colon = body.indexOf(':');
            String name = colon < 0 ? body : body.substring(0, colon);
            String defaultValue = colon < 0 ? null : body.substring(colon + 1);
            if (ENV_NAME.matcher(name).matches()) {
                Variable seen = into.get(name);
                // Read without a default anywhere = required everywhere.
                if (seen == null || (seen.hasDefault() && defaultValue == null)) {
                    into.put(name, new Variable(name, defaultValue));
                }
            }
            if (defaultValue != null) {
                collectVariables(defaultValue, into);
            }
            i = value.indexOf("${", end + 1);
        }
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '{') {
                depth++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    Map<String, Variable> variables() {
        return variables;
    }

    /**
     * Variables a deployment must set: those without a default, and those whose default is the
     * loopback address (Kafka, PostgreSQL, probe targets on 127.0.0.1 are right for the local
     * run and wrong in any container).
     */
    Set<String> mustBeProvided() {
        Set<String> names = new TreeSet<>();
        variables.values().forEach(v -> {
            if (!v.hasDefault() || v.loopbackDefault()) {
                names.add(v.name());
            }
        });
        return names;
    }

    /**
     * Whether setting this environment variable changes anything: a variable the file reads, any
     * {@code QUARKUS_}/{@code MP_} setting, or the environment form of a property the file sets
     * (Quarkus maps {@code lifeline.health.interval} to {@code LIFELINE_HEALTH_INTERVAL}).
     */
    boolean reads(String environmentVariable) {
        if (variables.containsKey(environmentVariable)
                || environmentVariable.startsWith("QUARKUS_") || environmentVariable.startsWith("MP_")) {
            return true;
        }
        return properties.keySet().stream().anyMatch(key -> environmentForm(key).equals(environmentVariable));
    }

    static String environmentForm(String propertyKey) {
        return propertyKey.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The HTTP port ({@code quarkus.http.port}, possibly {@code ${QUARKUS_HTTP_PORT:8081}}). */
    Optional<Integer> httpPort() {
        String value = properties.get("quarkus.http.port");
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = HTTP_PORT.matcher(value);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /**
     * Topics of every incoming and outgoing channel; a channel subscribed by pattern
     * ({@code pattern=true}, e.g. every {@code dlq.*}) names no topic of its own and is left out.
     */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        Pattern p = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");
        properties.forEach((key, value) -> {
            Matcher m = p.matcher(key);
            if (m.matches() && !"true".equals(properties.get("mp.messaging." + m.group(1) + "." + m.group(2) + ".pattern"))) {
                topics.add(value);
            }
        });
        return topics;
    }

    /**
     * Consumer groups: each incoming channel's {@code group.id}, or the application's name when
     * a channel sets none (SmallRye's default).
     */
    Set<String> consumerGroups() {
        Set<String> groups = new TreeSet<>();
        for (String channel : incomingChannels()) {
            String group = properties.get("mp.messaging.incoming." + channel + ".group.id");
            groups.add(group != null ? group : properties.getOrDefault("quarkus.application.name", channel));
        }
        return groups;
    }

    /** Dead-letter topics its channels write to. */
    Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".dead-letter-queue.topic")) {
                topics.add(value);
            }
        });
        return topics;
    }

    private Set<String> incomingChannels() {
        Set<String> channels = new TreeSet<>();
        Pattern p = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");
        properties.keySet().forEach(key -> {
            Matcher m = p.matcher(key);
            if (m.matches()) {
                channels.add(m.group(1));
            }
        });
        return channels;
    }
}
