-- Lifeline's shared outbox (module `outbox`), created in the service's own schema (Flyway's default
-- schema). Repeatable, and written so that running it again changes nothing: it travels with the
-- library, beside each service's own versioned migrations.

-- One row per event owed to Kafka, written in the transaction of the state change it reports.
CREATE TABLE IF NOT EXISTS outbox_event (
    seq          bigserial   PRIMARY KEY,
    id           text        NOT NULL UNIQUE,  -- the CloudEvents id, fixed here, the same on every retry
    topic        text        NOT NULL,
    event_key    text        NOT NULL,
    type         text        NOT NULL,
    source       text        NOT NULL,
    subject      text        NOT NULL,
    event_time   timestamptz NOT NULL,
    data         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);
CREATE INDEX IF NOT EXISTS outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- The commit wakes the relay (of any replica): NOTIFY is delivered when the writing transaction commits.
CREATE OR REPLACE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lifeline_outbox_' || TG_TABLE_SCHEMA, '');
    RETURN NULL;
END;
$$;
CREATE OR REPLACE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();

-- Event ids a consumer of this service has handled, written in the transaction of that handling:
-- a re-delivered event (at-least-once) is seen and skipped.
CREATE TABLE IF NOT EXISTS handled_event (
    id         text        PRIMARY KEY,
    topic      text        NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS handled_event_age ON handled_event (handled_at);
