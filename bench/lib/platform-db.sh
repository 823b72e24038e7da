# bench/lib/platform-db.sh: sourced by the benchmarks that need the >= 1.5 GiB platform-shaped
# database of bench/backup/run and the old shell script's restore path (bench/restore/run,
# bench/scenario1/run). The caller sets `root` (the repository), `RUN` (its log folder) and
# `rebuild_db` (1 to drop and rebuild), and defines `log` and `die`.
#
# Environment: BENCH_BACKUP_DB (lifeline_bench_backup), BENCH_BACKUP_SONGS (200000),
#   BENCH_BACKUP_PLAYS (5000000); PostgreSQL 127.0.0.1:5432, user postgres, trust
#   (LIFELINE_PG_HOST/PORT/USER as bin/lifeline).

DB="${BENCH_BACKUP_DB:-lifeline_bench_backup}"
SONGS="${BENCH_BACKUP_SONGS:-200000}"
PLAYS="${BENCH_BACKUP_PLAYS:-5000000}"
MIN_DB_BYTES=$(( 3 * 1024 * 1024 * 1024 / 2 ))   # 1.5 GiB
DB_MARK="lifeline bench/backup: songs=$SONGS plays=$PLAYS v1"   # the same database as bench/backup/run
PG_HOST="${LIFELINE_PG_HOST:-127.0.0.1}" PG_PORT="${LIFELINE_PG_PORT:-5432}" PG_USER="${LIFELINE_PG_USER:-postgres}"
PG_ARGS=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER")
PLATFORM_SCHEMA="$root/test-support/src/main/resources/lifeline-test/platform-schema.sql"

now_ms() { local t="${EPOCHREALTIME/[.,]/}"; echo $(( t / 1000 )); }
psql_db() { local db="$1"; shift; PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 "${PG_ARGS[@]}" -d "$db" "$@"; }

# The benchmark database, built once (about 2.5 min) and reused while it carries DB_MARK; sets DB_BYTES.
ensure_bench_database() {
  local mark
  if (( rebuild_db )); then psql_db postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"; fi
  mark="$(psql_db postgres -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$DB'")"
  if [[ "$mark" != "$DB_MARK" ]]; then
    # Missing, interrupted, or built with other BENCH_BACKUP_SONGS/PLAYS.
    psql_db postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
    log "building $DB ($SONGS songs, $PLAYS plays; several minutes)"
    psql_db postgres -c "CREATE DATABASE $DB"
    cat "$PLATFORM_SCHEMA" "$root/bench/backup/platform-data.sql" \
      | psql_db "$DB" -v songs="$SONGS" -v plays="$PLAYS" >"$RUN/build-db.log" 2>&1 \
      || { tail -n 20 "$RUN/build-db.log" >&2; die "building $DB failed"; }
    psql_db postgres -c "COMMENT ON DATABASE $DB IS '$DB_MARK'"
  fi
  DB_BYTES="$(psql_db postgres -c "SELECT pg_database_size('$DB')")"
  (( DB_BYTES >= MIN_DB_BYTES )) || die "$DB is only $DB_BYTES bytes (< 1.5 GiB)"
  log "database $DB: $(( DB_BYTES / 1024 / 1024 )) MiB"
}

# The old scripts/backup.sh format of database $1 into file $2: pg_dump plain | gzip -9 |
# openssl enc -aes-256-cbc -salt with password $3 (not timed).
make_old_backup() {
  local source_db="$1" file="$2" password="$3"
  pg_dump "${PG_ARGS[@]}" --format=plain --no-owner --no-privileges "$source_db" | gzip -9 \
    | openssl enc -aes-256-cbc -salt -pass pass:"$password" 2>/dev/null >"$file"
}

# The old restore path, timed: openssl enc -d to a file, gunzip to a file, psql -f into the new
# database $2, then the plan's checks (SELECT COUNT(*) FROM songs / plays). $1 the old backup,
# $3 its password, $4 a work folder. Sets OLD_MS, OLD_SONGS, OLD_PLAYS; leaves the database.
time_old_restore() {
  local file="$1" new_db="$2" password="$3" work="$4" start
  psql_db postgres -c "CREATE DATABASE $new_db"
  start="$(now_ms)"
  openssl enc -d -aes-256-cbc -pass pass:"$password" -in "$file" -out "$work/restore.sql.gz" 2>/dev/null
  gunzip -c "$work/restore.sql.gz" >"$work/restore.sql"
  psql -X -q -v ON_ERROR_STOP=1 "${PG_ARGS[@]}" -d "$new_db" -f "$work/restore.sql" >"$RUN/old-psql.log" 2>&1
  OLD_SONGS="$(psql_db "$new_db" -c "SELECT COUNT(*) FROM songs")"
  OLD_PLAYS="$(psql_db "$new_db" -c "SELECT COUNT(*) FROM plays")"
  OLD_MS=$(( $(now_ms) - start ))
  rm -f "$work/restore.sql" "$work/restore.sql.gz"
}
