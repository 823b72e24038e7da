-- contract-guardian's state in Lifeline's own database (schema contract_guardian).

-- How far the chain has been read: the last fully processed block and its hash.
CREATE TABLE cursor (
    name          text PRIMARY KEY,
    chain_id      bigint NOT NULL,
    block_number  bigint NOT NULL,
    block_hash    text,
    updated_at    timestamptz NOT NULL
);

-- Hashes of recently processed blocks: after a reorganisation, the newest one still on the chain
-- is the common ancestor to rescan from.
CREATE TABLE seen_block (
    block_number  bigint PRIMARY KEY,
    block_hash    text NOT NULL
);

-- Every anomaly raised (and withdrawn): a restart or a rescan never raises the same one twice.
CREATE TABLE anomaly (
    dedup_key     text PRIMARY KEY,
    anomaly_id    text NOT NULL UNIQUE,
    contract_name text NOT NULL,
    rule          text NOT NULL,
    incident_kind text NOT NULL,
    tx_hash       text,
    log_index     bigint,
    block_number  bigint,
    block_hash    text,
    status        text NOT NULL CHECK (status IN ('detected', 'withdrawn')),
    detected_at   timestamptz NOT NULL,
    payload       text NOT NULL
);
CREATE INDEX anomaly_block ON anomaly (block_number);
CREATE INDEX anomaly_incident_kind ON anomaly (incident_kind, status);

-- Open incidents of the IncidentTracker, so that a restart updates rather than duplicates.
CREATE TABLE open_incident (
    dedup_key     text PRIMARY KEY,
    body          text NOT NULL
);

-- Pause (and unpause) attempts: at most one pause attempt per contract per window, and who approved.
CREATE TABLE pause_attempt (
    id            text PRIMARY KEY,
    action        text NOT NULL CHECK (action IN ('pause', 'unpause')),
    contract_name text NOT NULL,
    contract      text NOT NULL,
    rule          text,
    anomaly_id    text,
    incident_id   text,
    status        text NOT NULL,
    detail        text,
    tx_hash       text,
    block_number  bigint,
    requested_at  timestamptz NOT NULL,
    requested_by  text NOT NULL,
    approved_by   text,
    decided_at    timestamptz
);
CREATE INDEX pause_attempt_contract ON pause_attempt (contract_name, requested_at DESC);

-- Last seen values of state checks (code hash, implementation slot) that must survive restarts.
CREATE TABLE state_value (
    contract_name text NOT NULL,
    name          text NOT NULL,
    value         text NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (contract_name, name)
);
