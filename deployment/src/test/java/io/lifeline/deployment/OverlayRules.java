package io.lifeline.deployment;

import static io.lifeline.deployment.Manifests.Yaml2.list;
import static io.lifeline.deployment.Manifests.Yaml2.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks an overlay without kustomize: its resources exist, and every inline JSON 6902 patch
 * targets objects that exist in what it builds on, at paths that exist there (kustomize fails on a
 * {@code replace} or {@code remove} of a missing path, and a patch whose target matches nothing is
 * silently a no-op, which is worse).
 */
final class OverlayRules {

    private OverlayRules() {
    }

    static List<String> check(Path overlay) throws IOException {
        List<String> problems = new ArrayList<>();
        Manifests base = Manifests.load(overlay);
        problems.addAll(base.problems);
        Map<String, Object> kustomization = map(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(overlay.resolve("kustomization.yaml"))));
        String where = overlay.getFileName().toString();
        for (Object p : list(kustomization.get("patches"))) {
            Map<String, Object> patch = map(p);
            Map<String, Object> target = map(patch.get("target"));
            List<Map<String, Object>> targets = base.objects.stream()
                    .filter(o -> target.get("kind") == null || target.get("kind").equals(Manifests.kind(o)))
                    .filter(o -> target.get("name") == null || target.get("name").equals(Manifests.name(o)))
                    .toList();
            String described = target.get("kind") + (target.get("name") == null ? "" : " " + target.get("name"));
            if (targets.isEmpty()) {
                problems.add(where + ": patch target " + described + " matches nothing");
                continue;
            }
            Object ops = patch.get("patch") == null ? null
                    : new Yaml(new SafeConstructor(new LoaderOptions())).load(String.valueOf(patch.get("patch")));
            for (Object o : list(ops)) {
                Map<String, Object> op = map(o);
                String path = String.valueOf(op.get("path"));
                String kind = String.valueOf(op.get("op"));
                for (Map<String, Object> object : targets) {
                    String checked = kind.equals("add") ? parent(path) : path;
                    if (!exists(object, checked)) {
                        problems.add(where + ": patch " + kind + " " + path + " on " + Manifests.kind(object) + " "
                                + Manifests.name(object) + ": " + checked + " does not exist there");
                    }
                }
            }
        }
        return problems;
    }

    private static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** Whether a JSON pointer resolves in a YAML tree. */
    static boolean exists(Object root, String pointer) {
        if (pointer.isEmpty()) {
            return true;
        }
        Object node = root;
        for (String raw : pointer.substring(1).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (node instanceof Map<?, ?> m) {
                if (!m.containsKey(token)) {
                    return false;
                }
                node = m.get(token);
            } else if (node instanceof List<?> l) {
                if (!token.matches("\\d+") || Integer.parseInt(token) >= l.size()) {
                    return false;
                }
                node = l.get(Integer.parseInt(token));
            } else {
                return false;
            }
        }
        return true;
    }
}
