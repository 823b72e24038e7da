package io.lifeline.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.lifeline.notifier.service.MessageComposer;

/** The checks in PagerDuty's documented order, without a running service. */
class PagerDutyWebhookSignatureTest {

    private static final String SECRET = "s3cret-for-unit-test";
    private static final byte[] BODY = ("{\"event\":{\"id\":\"01D\",\"event_type\":\"incident.acknowledged\","
            + "\"agent\":{\"summary\":\"Zoë Ops\"},\"data\":{\"type\":\"incident\",\"incident_key\":\"inc-1#L2\","
            + "\"title\":\"Base de données ✓\"}}}").getBytes(StandardCharsets.UTF_8);

    @Test
    void withoutASecretNothingIsTrusted() {
        String valid = "v1=" + PagerDutyWebhook.sign(SECRET, BODY);
        assertThat(new PagerDutyWebhook(Optional.empty()).check(BODY, valid))
                .isInstanceOf(PagerDutyWebhook.NotConfigured.class);
        assertThat(new PagerDutyWebhook(Optional.of("  ")).check(BODY, valid))
                .isInstanceOf(PagerDutyWebhook.NotConfigured.class);
    }

    @Test
    void oneMatchingV1SignatureAmongSeveralIsEnoughDuringARotation() {
        PagerDutyWebhook webhook = new PagerDutyWebhook(Optional.of(SECRET));
        String ours = PagerDutyWebhook.sign(SECRET, BODY);
        String theirs = PagerDutyWebhook.sign("the-old-secret", BODY);
        assertThat(webhook.check(BODY, "v1=" + theirs + ",v1=" + ours.toUpperCase()))
                .isEqualTo(new PagerDutyWebhook.Valid(new PagerDutyWebhook.Event("01D", "incident.acknowledged",
                        "inc-1#L2", "Zoë Ops")));
        assertThat(webhook.check(BODY, "v1=" + theirs)).isInstanceOf(PagerDutyWebhook.BadSignature.class);
        assertThat(webhook.check(BODY, "v0=" + ours)).isInstanceOf(PagerDutyWebhook.BadSignature.class);
        assertThat(webhook.check(BODY, "v1=not-hex")).isInstanceOf(PagerDutyWebhook.BadSignature.class);
        assertThat(webhook.check(BODY, null)).isInstanceOf(PagerDutyWebhook.BadSignature.class);
        // One byte changed after signing: refused.
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] = 'X';
        assertThat(webhook.check(tampered, "v1=" + ours)).isInstanceOf(PagerDutyWebhook.BadSignature.class);
    }

    @Test
    void aSignedBodyThatIsNotAWebhookSaysWhy() {
        PagerDutyWebhook webhook = new PagerDutyWebhook(Optional.of(SECRET));
        assertThat(check(webhook, "not json")).isEqualTo(new PagerDutyWebhook.Malformed("body is not JSON"));
        assertThat(check(webhook, "[]")).isEqualTo(new PagerDutyWebhook.Malformed("body is not a JSON object"));
        assertThat(check(webhook, "{\"messages\":[]}")).isEqualTo(new PagerDutyWebhook.Malformed("no 'event' object"));
        assertThat(check(webhook, "{\"event\":{\"event_type\":\"incident.acknowledged\"}}"))
                .isEqualTo(new PagerDutyWebhook.Malformed("'event.id' missing"));
        assertThat(check(webhook, "{\"event\":{\"id\":\"1\",\"event_type\":\"incident.resolved\"}}"))
                .isEqualTo(new PagerDutyWebhook.Malformed("'event.data' missing for incident.resolved"));
        assertThat(check(webhook, "{\"event\":{\"id\":\"1\",\"event_type\":\"pagey.ping\",\"data\":null}}"))
                .isInstanceOf(PagerDutyWebhook.Valid.class);
    }

    @Test
    void anEscalationLevelsDedupKeyBelongsToItsIncident() {
        assertThat(MessageComposer.incidentIdOf("inc-1#L2")).isEqualTo("inc-1");
        assertThat(MessageComposer.incidentIdOf(MessageComposer.dedupKey("inc-7", 1))).isEqualTo("inc-7");
        assertThat(MessageComposer.incidentIdOf("inc-1")).isEqualTo("inc-1");
        assertThat(MessageComposer.incidentIdOf("inc#Lx")).isEqualTo("inc#Lx");
    }

    private static PagerDutyWebhook.Verdict check(PagerDutyWebhook webhook, String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return webhook.check(raw, "v1=" + PagerDutyWebhook.sign(SECRET, raw));
    }
}
