-- The backup catalog: a cache of what the manifests in S3 and on disk say, rebuildable from them.
CREATE TABLE backup (
    backup_id          text PRIMARY KEY,
    request_id         text NOT NULL,
    database_name      text NOT NULL,
    trigger            text NOT NULL,
    status             text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    started_at         timestamptz NOT NULL,
    completed_at       timestamptz,
    size_bytes         bigint,
    sha256             text,
    verified           boolean NOT NULL DEFAULT false,
    verification_level text,
    verified_at        timestamptz,
    locations          text NOT NULL DEFAULT '[]',
    manifest           text,
    verification       text,
    failure_stage      text,
    failure_reason     text
);
CREATE UNIQUE INDEX backup_request_id ON backup (request_id);
CREATE INDEX backup_database_completed ON backup (database_name, completed_at DESC);
