-- The CIDs ipfs-guardian protects and what the last check found. One row per CID; a CID that
-- appears in several songs keeps the first song that brought it (enough to name an artist).
CREATE TABLE cids (
    cid                   text PRIMARY KEY,
    song_id               text,
    role                  text NOT NULL,           -- song (songs.ipfs_hash), or a metadata field: audio, image, ...
    parent_cid            text,                    -- the metadata document that referenced it
    state                 text NOT NULL,           -- new, ok, repaired, under_replicated, missing, lost, invalid, error, retired
    detail                text,
    replicas              integer NOT NULL DEFAULT 0,
    node_pinned           boolean NOT NULL DEFAULT false,
    found_at              text,                    -- JSON list of vantage points that had it
    expanded              boolean NOT NULL DEFAULT false,
    first_seen_at         timestamptz NOT NULL,
    last_checked_at       timestamptz,
    next_check_at         timestamptz NOT NULL,
    consecutive_failures  integer NOT NULL DEFAULT 0,
    nowhere_count         integer NOT NULL DEFAULT 0,
    under_count           integer NOT NULL DEFAULT 0,
    incident              text                     -- the open incident (JSON), to restore after a restart
);

-- The pass takes the most urgent first: never checked, then due, failing ones first.
CREATE INDEX cids_due ON cids (next_check_at) WHERE state <> 'retired';
CREATE INDEX cids_song ON cids (song_id);
