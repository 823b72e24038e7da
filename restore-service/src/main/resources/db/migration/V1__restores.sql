-- restore-service's own state: restores (idempotent by request id, one active per target) and drill reports.
CREATE TABLE restores (
    restore_id        TEXT PRIMARY KEY,
    request_id        TEXT NOT NULL UNIQUE,
    target            TEXT NOT NULL,
    selector_kind     TEXT NOT NULL,
    selector_backup   TEXT,
    selector_before   TIMESTAMPTZ,
    incident_id       TEXT,
    requested_by      TEXT NOT NULL,
    trigger           TEXT NOT NULL,
    status            TEXT NOT NULL,
    stage             TEXT,
    backup_id         TEXT,
    reason            TEXT,
    target_untouched  BOOLEAN,
    approval_required BOOLEAN NOT NULL DEFAULT FALSE,
    approval_deadline TIMESTAMPTZ,
    approved_by       TEXT,
    approved_at       TIMESTAMPTZ,
    requested_at      TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    stages            TEXT,
    skipped           TEXT,
    result            TEXT
);

-- The database enforces "one restore per target at a time", whatever the number of instances.
CREATE UNIQUE INDEX restores_one_active_per_target ON restores (target)
    WHERE status IN ('awaiting-approval', 'queued', 'running');

CREATE TABLE drills (
    drill_id     TEXT PRIMARY KEY,
    target       TEXT NOT NULL,
    backup_id    TEXT,
    status       TEXT NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    success      BOOLEAN,
    report       TEXT,
    markdown     TEXT
);
