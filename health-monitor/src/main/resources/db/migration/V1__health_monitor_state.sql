-- health-monitor's own state, in its own schema of Lifeline's database (never the protected one).

-- Incidents this monitor opened and has not resolved: reloaded at start, so a failure already
-- reported updates its incident after a restart instead of paging again.
CREATE TABLE open_incident (
    dedup_key   text PRIMARY KEY,
    incident_id text        NOT NULL UNIQUE,
    component   text        NOT NULL,
    kind        text        NOT NULL,
    severity    text        NOT NULL,
    body        text        NOT NULL, -- the Incident record as JSON (events' EventJson)
    updated_at  timestamptz NOT NULL
);

-- The flap-free state of each probe: degraded or not since when, flapping, recent flips, row-count baseline.
CREATE TABLE probe_state (
    probe          text PRIMARY KEY,
    component      text        NOT NULL,
    degraded       boolean     NOT NULL,
    degraded_since timestamptz,
    flapping       boolean     NOT NULL DEFAULT false,
    baseline       bigint,
    body           text        NOT NULL, -- ComponentState.Snapshot as JSON
    updated_at     timestamptz NOT NULL
);

-- What the backup and drill watches learned from events (newest verified backup per database,
-- last start, last drill) and when each watch began: key 'backup:<database>', 'drill', 'started'.
CREATE TABLE watch_state (
    name       text PRIMARY KEY,
    body       text        NOT NULL,
    updated_at timestamptz NOT NULL
);
