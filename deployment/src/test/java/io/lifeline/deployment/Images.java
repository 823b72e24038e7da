package io.lifeline.deployment;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Image references: pinned means a digest, or a tag that names a release (never latest, never absent). */
final class Images {

    /** {@code ${VAR:-default}} or {@code ${VAR-default}}: what runs when nothing overrides it. */
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)}");

    private Images() {
    }

    /** The reference as it runs without overrides (Compose defaults substituted). */
    static String effective(String reference) {
        Matcher m = DEFAULTED.matcher(reference);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The tag of a reference, if any (a registry port is not a tag). */
    static Optional<String> tag(String reference) {
        String ref = effective(reference);
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        return colon > slash ? Optional.of(ref.substring(colon + 1)) : Optional.empty();
    }

    /** Why a reference is not pinned, or empty when it is. */
    static Optional<String> unpinned(String reference) {
        String ref = effective(reference);
        if (ref.contains("${") || ref.contains("$")) {
            return Optional.of(reference + " has no default: what runs is not written down");
        }
        if (ref.contains("@sha256:")) {
            return Optional.empty();
        }
        Optional<String> tag = tag(ref);
        if (tag.isEmpty()) {
            return Optional.of(reference + " has no tag (means latest)");
        }
        if (tag.get().equals("latest") || !tag.get().matches(".*\\d.*")) {
            return Optional.of(reference + " is not pinned to a release (tag " + tag.get() + ")");
        }
        return Optional.empty();
    }
}
