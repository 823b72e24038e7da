-- The notifier's own state, in schema `notifier` of Lifeline's database.

-- One row per incident the notifier has heard of: where it stands and when it escalates next.
-- A row with summary NULL is a placeholder: an acknowledgement or resolution arrived before the
-- incident.opened it answers (they travel on different topics).
CREATE TABLE incident (
    id                  text        PRIMARY KEY,
    dedup_key           text        NOT NULL,
    component           text        NOT NULL,
    kind                text        NOT NULL,
    severity            text,
    summary             text,
    runbook_url         text,
    raised_by           text,
    role                text        NOT NULL,
    routed_by_default   boolean     NOT NULL DEFAULT false,
    status              text        NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    opened_at           timestamptz,
    acknowledged_at     timestamptz,
    acknowledged_by     text,
    resolved_at         timestamptz,
    escalation_level    integer     NOT NULL DEFAULT 0,
    -- The timer: persisted, so that a restart neither forgets nor repeats an escalation.
    next_escalation_at  timestamptz,
    updated_at          timestamptz NOT NULL
);

CREATE INDEX incident_due_escalation ON incident (next_escalation_at) WHERE next_escalation_at IS NOT NULL;

-- The outbox: every message the notifier owes someone, written in the same transaction as the
-- incident's state and relayed afterwards. (incident, step, channel) is unique, so an incident
-- event delivered twice cannot queue a second page.
CREATE TABLE notification (
    id               text        PRIMARY KEY,
    seq              bigserial   NOT NULL UNIQUE,
    incident_id      text        NOT NULL,
    step             text        NOT NULL,
    channel          text        NOT NULL CHECK (channel IN ('pagerduty', 'slack', 'event')),
    -- What to resolve the secret from at send time (role/person, Slack channel name, topic): never the secret.
    target           text        NOT NULL,
    recipient        text        NOT NULL,
    body             text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    locked_until     timestamptz,
    last_error       text,
    external_id      text,
    created_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    CONSTRAINT notification_once_per_step UNIQUE (incident_id, step, channel)
);

CREATE INDEX notification_pending ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_by_incident ON notification (incident_id, channel, seq);
