-- Fills a fresh database shaped like the protected platform's (test-support's platform-schema.sql,
-- loaded just before this file) for bench/backup/run. psql variables: songs, plays.
-- Same generators as test-support's PlatformDatabase, with amounts and timestamps that vary
-- (as real plays do) so that compression meets realistic data. The plays constraints are
-- dropped during the bulk insert and re-created afterwards (same names, same definitions):
-- building the indexes by sort is much faster than maintaining them row by row.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';

INSERT INTO songs (id, title, artist, artist_address, genre, ipfs_hash, song_hash, plays, earnings, created_at)
SELECT 'song-' || g, 'Title ' || g, 'Artist ' || (g % 97), '0x' || lpad(to_hex(g), 40, '0'),
       (ARRAY['ambient','techno','folk','jazz'])[1 + g % 4],
       'bafybeig' || md5(g::text), md5('song' || g), g % 50, (g % 50) * 0.01,
       timestamptz '2024-01-01 00:00:00+00' + g * interval '37 seconds'
FROM generate_series(1, :songs) g;

ALTER TABLE plays DROP CONSTRAINT plays_song_id_fkey;
ALTER TABLE plays DROP CONSTRAINT plays_tx_hash_log_index_key;
ALTER TABLE plays DROP CONSTRAINT plays_pkey;

INSERT INTO plays (song_id, listener_address, amount, payment_type, tx_hash, log_index, block_number,
                   protocol_fee, net_amount, timestamp)
SELECT 'song-' || (1 + g % :songs), '0x' || lpad(to_hex(g * 7), 40, '0'),
       (1 + g % 1000) * 0.001,
       (ARRAY['stream','stream','stream','tip','patronage'])[1 + g % 5],
       '0x' || md5('tx' || g) || md5('t' || g), g % 4, 1000000 + g / 10,
       (1 + g % 1000) * 0.00001, (1 + g % 1000) * 0.00099,
       timestamptz '2024-01-01 00:00:00+00' + g * interval '6 seconds'
FROM generate_series(1, :plays) g;
SELECT setval('plays_id_seq', :plays);

ALTER TABLE plays ADD CONSTRAINT plays_pkey PRIMARY KEY (id);
ALTER TABLE plays ADD CONSTRAINT plays_tx_hash_log_index_key UNIQUE (tx_hash, log_index);
ALTER TABLE plays ADD CONSTRAINT plays_song_id_fkey FOREIGN KEY (song_id) REFERENCES songs (id) ON DELETE SET NULL;

INSERT INTO indexer_state (name, last_block) VALUES ('router', 1000000 + :plays / 10);
INSERT INTO strategy_configs (name, payload, published) VALUES
  ('pay-per-stream', '{"bps": 100}', true), ('patronage', '{"tiers": [5, 10]}', false);
INSERT INTO indexer_poison (tx_hash, log_index, reason)
SELECT '0x' || md5('poison' || g), 0, 'decode failed: unknown event signature' FROM generate_series(1, 50) g;

-- Hint bits and the visibility map set now, so that no benchmark run pays for them.
VACUUM (FREEZE, ANALYZE);
