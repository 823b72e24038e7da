package io.lifeline.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Kubernetes objects as written: a kustomization's resources read recursively (files and
 * sub-kustomizations), without applying patches. Missing resources are collected as problems
 * rather than thrown, so that a test can name them all.
 */
final class Manifests {

    final List<Map<String, Object>> objects = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    private Manifests() {
    }

    static Manifests load(Path kustomizationDir) throws IOException {
        Manifests manifests = new Manifests();
        manifests.read(kustomizationDir);
        return manifests;
    }

    static Manifests of(String yaml) {
        Manifests manifests = new Manifests();
        manifests.objects.addAll(parseAll(yaml));
        return manifests;
    }

    private void read(Path dir) throws IOException {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            problems.add(dir + ": no kustomization.yaml");
            return;
        }
        Map<String, Object> kustomization = Yaml2.map(new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file)));
        for (Object resource : Yaml2.list(kustomization.get("resources"))) {
            Path path = dir.resolve(String.valueOf(resource)).normalize();
            if (Files.isDirectory(path)) {
                read(path);
            } else if (Files.isRegularFile(path)) {
                objects.addAll(parseAll(Files.readString(path)));
            } else {
                problems.add(file + ": resource " + resource + " does not exist");
            }
        }
    }

    static List<Map<String, Object>> parseAll(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc != null) {
                docs.add(Yaml2.map(doc));
            }
        }
        return docs;
    }

    static String kind(Map<String, Object> object) {
        return String.valueOf(object.get("kind"));
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(Yaml2.map(object.get("metadata")).get("name"));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).toList();
    }

    Map<String, Object> find(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(kind(o)) && name.equals(name(o))).findFirst().orElse(null);
    }

    /** YAML tree helpers: absent nodes read as empty, so rules can walk without null checks. */
    static final class Yaml2 {
        private Yaml2() {
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object node) {
            if (!(node instanceof Map)) {
                return Map.of();
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<Object, Object>) node).forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }

        static List<?> list(Object node) {
            return node instanceof List<?> l ? l : List.of();
        }

        /** Follows a path of keys; empty map when any step is missing. */
        static Map<String, Object> at(Map<String, Object> root, String... keys) {
            Map<String, Object> node = root;
            for (String key : keys) {
                node = map(node.get(key));
            }
            return node;
        }
    }
}
