package io.lifeline.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * PagerDuty V3 webhooks, read the way PagerDuty documents them: the raw body is signed with each of
 * the subscription's secrets, {@code X-PagerDuty-Signature: v1=<hex HMAC-SHA256>[,v1=...]} (several
 * during a secret rotation); the body is {@code {"event": {"id", "event_type", "agent", "data"}}},
 * where {@code data.incident_key} of an incident is the Events API v2 {@code dedup_key} we sent.
 *
 * <p>The secret is only ever a MAC key here: it is never compared as text, logged or echoed.
 */
public final class PagerDutyWebhook {

    /** The fields of one webhook the notifier acts on. */
    public record Event(String id, String type, String incidentKey, String agent) {
    }

    /** What a delivery is: the order of the checks is the order of the answers (503, 401, 400). */
    public sealed interface Verdict {
    }

    /** No signing secret configured: nothing can be trusted. */
    public record NotConfigured() implements Verdict {
    }

    /** No signature, or none made with our secret. */
    public record BadSignature() implements Verdict {
    }

    /** Signed, but not a V3 webhook payload; {@code reason} says what is wrong (never the body). */
    public record Malformed(String reason) implements Verdict {
    }

    public record Valid(Event event) implements Verdict {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<byte[]> secret;

    public PagerDutyWebhook(Optional<String> secret) {
        this.secret = secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    public Verdict check(byte[] body, String signatureHeader) {
        if (secret.isEmpty()) {
            return new NotConfigured();
        }
        if (!signed(secret.get(), body == null ? new byte[0] : body, signatureHeader)) {
            return new BadSignature();
        }
        return parse(body);
    }

    /** True when one of the header's {@code v1=} signatures is the HMAC-SHA256 of the body (constant-time compare). */
    static boolean signed(byte[] key, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] expected = hmac(key, body);
        boolean match = false;
        for (String part : header.split(",")) {
            String p = part.trim();
            if (!p.startsWith("v1=")) {
                continue;
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(p.substring(3).toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                continue;
            }
            match |= MessageDigest.isEqual(expected, given);
        }
        return match;
    }

    /** Hex HMAC-SHA256 of {@code body}: what PagerDuty puts after {@code v1=}. */
    public static String sign(String key, byte[] body) {
        return HexFormat.of().formatHex(hmac(key.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static Verdict parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            return new Malformed("body is not JSON");
        }
        if (root == null || !root.isObject()) {
            return new Malformed("body is not a JSON object");
        }
        JsonNode event = root.get("event");
        if (event == null || !event.isObject()) {
            return new Malformed("no 'event' object");
        }
        String id = text(event, "id");
        String type = text(event, "event_type");
        if (id == null) {
            return new Malformed("'event.id' missing");
        }
        if (type == null) {
            return new Malformed("'event.event_type' missing");
        }
        JsonNode data = event.path("data");
        String incidentKey = null;
        if (type.startsWith("incident.")) {
            if (!data.isObject()) {
                return new Malformed("'event.data' missing for " + type);
            }
            incidentKey = text(data, "incident_key");
            if (incidentKey == null) {
                // An alert-level payload: the dedup key itself.
                incidentKey = text(data, "dedup_key");
            }
        }
        String agent = text(event.path("agent"), "summary");
        return new Valid(new Event(id, type, incidentKey, agent));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
