package io.lifeline.restore.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * One line of {@code pg_restore --list}, e.g. {@code 3242; 2606 16422 CONSTRAINT public plays plays_pkey postgres}.
 *
 * @param table for constraints, the table they belong to; null otherwise
 */
public record TocEntry(String type, String schema, String table, String name) {

    private static final List<String> TYPES = List.of("FK CONSTRAINT", "CONSTRAINT", "INDEX", "TABLE");

    /** The entries a restore must bring back (tables, indexes, constraints); others are empty. */
    public static Optional<TocEntry> parse(String line) {
        int semicolon = line.indexOf("; ");
        if (line.startsWith(";") || semicolon < 0) {
            return Optional.empty();
        }
        String[] head = line.substring(semicolon + 2).split(" ", 3); // oid, oid, rest
        if (head.length < 3) {
            return Optional.empty();
        }
        String rest = head[2];
        if (rest.startsWith("TABLE DATA ")) {
            return Optional.empty();
        }
        for (String type : TYPES) {
            if (rest.startsWith(type + " ")) {
                String[] parts = rest.substring(type.length() + 1).split(" ");
                if (type.endsWith("CONSTRAINT") && parts.length >= 4) {
                    return Optional.of(new TocEntry(type, parts[0], parts[1], parts[2]));
                }
                if (!type.endsWith("CONSTRAINT") && parts.length >= 3) {
                    return Optional.of(new TocEntry(type, parts[0], null, parts[1]));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return type + " " + schema + "." + (table != null ? table + "." : "") + name;
    }
}
