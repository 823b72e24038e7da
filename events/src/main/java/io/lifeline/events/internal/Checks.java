package io.lifeline.events.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Argument checks shared by the payload records' compact constructors. Not part of the API.
 *
 * <p>They mirror the JSON Schemas so that a Java producer cannot build an event that a consumer
 * would reject; every message names the field, like the schema validator's messages do, and
 * never repeats the value (messages end up in logs and dead-letter records).
 */
public final class Checks {

    public static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");
    public static final Pattern EVM_ADDRESS = Pattern.compile("^0x[0-9a-fA-F]{40}$");
    public static final Pattern EVM_HASH = Pattern.compile("^0x[0-9a-fA-F]{64}$");
    public static final Pattern CID = Pattern.compile("^[A-Za-z0-9]+$");

    private Checks() {
    }

    public static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    public static String text(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    /** Optional text: null is fine, blank is not (a blank id is a bug, not "absent"). */
    public static String optionalText(String value, String field) {
        return value == null ? null : text(value, field);
    }

    public static String oneOf(String value, String field, Set<String> allowed) {
        text(value, field);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(field + " must be one of " + new TreeSet<>(allowed));
        }
        return value;
    }

    public static String matches(String value, String field, Pattern pattern) {
        text(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " does not match " + pattern.pattern());
        }
        return value;
    }

    public static String optionalMatches(String value, String field, Pattern pattern) {
        return value == null ? null : matches(value, field, pattern);
    }

    public static String optionalAbsoluteUri(String value, String field) {
        if (value == null) {
            return null;
        }
        text(value, field);
        try {
            if (!new URI(value).isAbsolute()) {
                throw new IllegalArgumentException(field + " must be an absolute URI");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " must be an absolute URI", e);
        }
        return value;
    }

    public static long atLeast(long value, long min, String field) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min);
        }
        return value;
    }

    public static Long optionalAtLeast(Long value, long min, String field) {
        return value == null ? null : atLeast(value, min, field);
    }

    /** Null becomes an empty list, so consumers never null-check; null elements are rejected. */
    public static <T> List<T> list(List<T> value, String field) {
        if (value == null) {
            return List.of();
        }
        for (T element : value) {
            required(element, field + "[]");
        }
        return List.copyOf(value);
    }

    public static List<String> textList(List<String> value, String field) {
        List<String> copy = list(value, field);
        copy.forEach(element -> text(element, field + "[]"));
        return copy;
    }

    public static <T> List<T> nonEmptyList(List<T> value, String field) {
        List<T> copy = list(value, field);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return copy;
    }

    /**
     * Null becomes an empty map. Insertion order is kept (readable JSON, stable diffs) and null
     * values are allowed because free-form details may legitimately carry JSON null.
     */
    public static <V> Map<String, V> map(Map<String, V> value, String field) {
        if (value == null) {
            return Map.of();
        }
        value.keySet().forEach(key -> required(key, field + " key"));
        return Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }

    public static <V> Map<String, V> mapWithoutNullValues(Map<String, V> value, String field) {
        Map<String, V> copy = map(value, field);
        copy.forEach((key, v) -> required(v, field + "." + key));
        return copy;
    }
}
