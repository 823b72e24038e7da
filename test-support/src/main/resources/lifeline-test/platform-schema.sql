-- The protected platform's schema (PROTECTED_SYSTEM.md), with its constraints and indexes.
CREATE TABLE songs (
    id             text PRIMARY KEY,
    title          text NOT NULL,
    artist         text NOT NULL,
    artist_address text NOT NULL,
    genre          text,
    ipfs_hash      text NOT NULL,
    payment_model  text NOT NULL DEFAULT 'pay_per_stream',
    song_hash      text UNIQUE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    plays          int NOT NULL DEFAULT 0 CHECK (plays >= 0),
    earnings       numeric NOT NULL DEFAULT 0 CHECK (earnings >= 0)
);
CREATE INDEX songs_genre ON songs (genre);
CREATE INDEX songs_created_at ON songs (created_at);
CREATE INDEX songs_title_lower ON songs (lower(title));

CREATE TABLE plays (
    id               serial PRIMARY KEY,
    song_id          text REFERENCES songs (id) ON DELETE SET NULL,
    listener_address text NOT NULL,
    amount           numeric NOT NULL CHECK (amount >= 0),
    payment_type     text NOT NULL,
    tx_hash          text NOT NULL,
    log_index        int NOT NULL,
    block_number     bigint NOT NULL,
    protocol_fee     numeric NOT NULL DEFAULT 0 CHECK (protocol_fee >= 0),
    net_amount       numeric NOT NULL DEFAULT 0 CHECK (net_amount >= 0),
    timestamp        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tx_hash, log_index)
);

CREATE TABLE indexer_state (
    name       text PRIMARY KEY,
    last_block int NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE strategy_configs (
    id           serial PRIMARY KEY,
    name         text NOT NULL,
    payload      jsonb NOT NULL,
    published    bool NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE TABLE indexer_poison (
    id        serial PRIMARY KEY,
    tx_hash   text NOT NULL,
    log_index int NOT NULL,
    reason    text NOT NULL,
    attempts  int NOT NULL DEFAULT 1,
    UNIQUE (tx_hash, log_index)
);
