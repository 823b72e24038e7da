-- Kafka's hash of the CID as a record key (murmur2, made positive): with the partition count of the
-- sharding topic it says which instance checks the CID. Filled by the service (Kafka's murmur2 is
-- not computable in SQL): new rows on insert, older rows once at the next pass.
ALTER TABLE cids ADD COLUMN key_hash integer;
CREATE INDEX cids_key_hash ON cids (key_hash);
