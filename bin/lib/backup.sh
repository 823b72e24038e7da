# shellcheck shell=bash
# What backup-service needs locally: an OpenPGP key pair for development backups and the
# protected database it backs up (a demo copy of the platform's schema when none exists).

BACKUP_GNUPG_HOME="$KEYS_DIR/gnupg"
BACKUP_RECIPIENT_KEY="$KEYS_DIR/backup-recipient.asc"
BACKUP_VERIFY_KEY="$KEYS_DIR/backup-verify.asc"
BACKUP_DIR="${LIFELINE_BACKUP_DIR:-$STATE_DIR/backups}"
PROTECTED_DB_NAME="${LIFELINE_PROTECTED_DB_NAME:-mycelix}"
PLATFORM_SCHEMA="$LIFELINE_ROOT/test-support/src/main/resources/lifeline-test/platform-schema.sql"

# A dev key pair made with gpg itself, so that `gpg --decrypt` opens any local backup (break glass):
#   GNUPGHOME=.lifeline/keys/gnupg gpg --decrypt FILE.gpg | zstd -d | pg_restore -l
# In production the private key lives off the backup host; only the public key is configured.
ensure_backup_keys() {
  [[ -s "$BACKUP_RECIPIENT_KEY" && -s "$BACKUP_VERIFY_KEY" ]] && return 0
  require_cmd gpg
  mkdir -p "$BACKUP_GNUPG_HOME"
  chmod 700 "$KEYS_DIR" "$BACKUP_GNUPG_HOME"
  local params="$BACKUP_GNUPG_HOME/params"
  printf '%s\n' '%no-protection' 'Key-Type: RSA' 'Key-Length: 3072' 'Subkey-Type: RSA' 'Subkey-Length: 3072' \
    'Name-Real: Lifeline local backups' 'Name-Email: backups@lifeline.local' 'Expire-Date: 0' '%commit' >"$params"
  gpg --homedir "$BACKUP_GNUPG_HOME" --batch --gen-key "$params" 2>/dev/null \
    || die "gpg could not generate the backup key pair"
  rm -f "$params"
  gpg --homedir "$BACKUP_GNUPG_HOME" --armor --export backups@lifeline.local >"$BACKUP_RECIPIENT_KEY"
  (umask 077; gpg --homedir "$BACKUP_GNUPG_HOME" --batch --armor --export-secret-keys backups@lifeline.local \
    >"$BACKUP_VERIFY_KEY")
  stop_gpg_agent
  info "generated the dev backup key pair: $(relpath "$BACKUP_RECIPIENT_KEY") (recipient),"\
" $(relpath "$BACKUP_VERIFY_KEY") (mode 600, verification and break-glass)"
}

# The database backup-service protects. Locally it is a demo with the platform's schema and a
# few thousand rows, created once; point LIFELINE_PROTECTED_DB_* at a real one to back that up.
ensure_protected_database() {
  [[ -n "${LIFELINE_PROTECTED_DB_HOST:-}" ]] && return 0
  local exists
  exists="$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -Atc \
    "SELECT 1 FROM pg_database WHERE datname = '$PROTECTED_DB_NAME'" 2>/dev/null || true)"
  [[ "$exists" == 1 ]] && return 0
  [[ -f "$PLATFORM_SCHEMA" ]] || die "missing $(relpath "$PLATFORM_SCHEMA")"
  psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE $PROTECTED_DB_NAME" >/dev/null \
    || die "could not create the demo database $PROTECTED_DB_NAME"
  {
    cat "$PLATFORM_SCHEMA"
    cat <<'SQL'
INSERT INTO songs (id, title, artist, artist_address, genre, ipfs_hash, song_hash)
  SELECT 'song-' || g, 'Title ' || g, 'Artist ' || (g % 97), '0x' || lpad(to_hex(g), 40, '0'),
         (ARRAY['ambient','techno','folk','jazz'])[1 + g % 4], 'bafybeig' || md5(g::text), md5('song' || g)
  FROM generate_series(1, 2000) g;
INSERT INTO plays (song_id, listener_address, amount, payment_type, tx_hash, log_index, block_number)
  SELECT 'song-' || (1 + g % 2000), '0x' || lpad(to_hex(g * 7), 40, '0'), 0.01, 'stream',
         '0x' || md5('tx' || g) || md5('t' || g), g % 4, 1000000 + g / 10
  FROM generate_series(1, 20000) g;
INSERT INTO indexer_state (name, last_block) VALUES ('router', 1002000);
SQL
  } | psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PROTECTED_DB_NAME" -q -v ON_ERROR_STOP=1 >/dev/null \
    || die "could not fill the demo database $PROTECTED_DB_NAME"
  ok "created the demo protected database $PROTECTED_DB_NAME (platform schema, 2000 songs, 20000 plays)"
}

# gpg starts an agent per home; it must not outlive the command that needed it.
stop_gpg_agent() {
  [[ -d "$BACKUP_GNUPG_HOME" ]] || return 0
  gpgconf --homedir "$BACKUP_GNUPG_HOME" --kill gpg-agent >/dev/null 2>&1 || true
}

# What restore-service needs locally (exported into its environment by svc_start): the dev key pair's
# private half opens the backups (the same file backup-service verifies with), safety dumps of a
# target are encrypted to the recipient key (LIFELINE_BACKUP_RECIPIENTS), decrypted work files stay
# under .lifeline/restore/work (mode 700, emptied after each restore).
restore_service_env() {
  export LIFELINE_RESTORE_DECRYPTION_KEY="$BACKUP_VERIFY_KEY"
  export LIFELINE_RESTORE_SAFETY_DIR="$STATE_DIR/restore/safety"
  export LIFELINE_RESTORE_WORK_DIR="$STATE_DIR/restore/work"
}
