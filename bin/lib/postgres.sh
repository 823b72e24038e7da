# shellcheck shell=bash
# `bin/lifeline postgres ensure|status`: use the machine's PostgreSQL (normally 127.0.0.1:5432,
# trust auth, user postgres); start or install it only when needed, and remember whether we
# started it, so that `down` stops only what `up` started. Then make sure Lifeline's database exists.

PG_STARTED_MARK="$RUN_DIR/postgres.started"
PG_READY_TIMEOUT="${LIFELINE_PG_READY_TIMEOUT:-30}"

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; }
pg_is_local() { [[ "$PG_HOST" == 127.0.0.1 || "$PG_HOST" == localhost || "$PG_HOST" == ::1 ]]; }
pg_psql() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"; }

# pg_cluster_on_port: prints "VERSION NAME" of the local cluster configured on PG_PORT (newest first).
pg_cluster_on_port() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  pg_lsclusters -h 2>/dev/null | awk -v port="$PG_PORT" '$3 == port { print $1, $2 }' | sort -rn | head -n 1 | grep .
}

pg_manual_steps() {
  cat >&2 <<EOF
    To get PostgreSQL here (Debian), as root:
      apt-get update && apt-get install -y postgresql
      pg_ctlcluster --skip-systemctl-redirect 15 main start
    Lifeline expects it on $PG_HOST:$PG_PORT, user $PG_USER, trust authentication from 127.0.0.1
    (or set LIFELINE_PG_HOST / LIFELINE_PG_PORT / LIFELINE_PG_USER).
EOF
}

# pg_install: apt-get install postgresql (root only), with the project's trust auth on loopback.
pg_install() {
  local cluster version
  if (( EUID != 0 )); then
    err "PostgreSQL is not installed and this is not root, so bin/lifeline cannot install it"
    pg_manual_steps
    exit 1
  fi
  info "PostgreSQL is not installed: apt-get update && apt-get install -y postgresql (takes a minute)..."
  local log="$LOG_DIR/apt-postgresql.log"
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >"$log" 2>&1 9>&-; then
    show_log_tail "$log" 20
    die "installing PostgreSQL failed (full output: $log)"
  fi
  cluster="$(pg_cluster_on_port)" || die "PostgreSQL installed, but no cluster is configured on port $PG_PORT (see pg_lsclusters)"
  version="${cluster%% *}"
  # The project's machines allow trust on loopback for the postgres user; a fresh Debian
  # install asks for a password on TCP. Mirror the project's setup on this fresh install only.
  info "configuring trust authentication on loopback for the new cluster ($cluster)"
  cat >"/etc/postgresql/$version/${cluster#* }/pg_hba.conf" <<'EOF'
# Written by bin/lifeline after installing PostgreSQL for local development.
local all all trust
host all all 127.0.0.1/32 trust
host all all ::1/128 trust
EOF
  if pg_ready; then
    pg_ctlcluster --skip-systemctl-redirect "$version" "${cluster#* }" reload >/dev/null 2>&1 9>&- || true
  fi
}

pg_start_cluster() {
  local cluster start
  cluster="$(pg_cluster_on_port)" || {
    err "PostgreSQL does not answer on $PG_HOST:$PG_PORT and no local cluster is configured on port $PG_PORT"
    pg_lsclusters >&2 2>/dev/null || true
    pg_manual_steps
    exit 1
  }
  start="$(now_ms)"
  info "PostgreSQL cluster $cluster is down: pg_ctlcluster --skip-systemctl-redirect $cluster start"
  # shellcheck disable=SC2086  # "VERSION NAME" on purpose
  # 9>&-: the server must not inherit the command lock (it would hold it for its lifetime).
  pg_ctlcluster --skip-systemctl-redirect $cluster start 9>&- \
    || die "pg_ctlcluster could not start PostgreSQL $cluster (see /var/log/postgresql/postgresql-${cluster// /-}.log)"
  echo "$cluster" >"$PG_STARTED_MARK"
  wait_until "$PG_READY_TIMEOUT" pg_ready \
    || die "PostgreSQL $cluster started but does not answer on $PG_HOST:$PG_PORT within ${PG_READY_TIMEOUT} s"
  ok "postgres ready on $PG_HOST:$PG_PORT (started cluster $cluster, $(elapsed "$start"))"
}

pg_ensure_database() {
  [[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] || die "LIFELINE_DB_NAME='$DB_NAME' must be a plain lower-case identifier"
  local exists
  exists="$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" 2>&1)" \
    || die "cannot query PostgreSQL on $PG_HOST:$PG_PORT as $PG_USER: $exists"
  if [[ "$exists" != 1 ]]; then
    pg_psql -d postgres -c "CREATE DATABASE $DB_NAME" >/dev/null 2>&1 \
      || [[ "$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" == 1 ]] \
      || die "could not create database $DB_NAME on $PG_HOST:$PG_PORT"
    info "postgres database $DB_NAME created"
  fi
}

postgres_ensure() {
  if ! command -v pg_isready >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
    pg_is_local || die "psql and pg_isready are needed (Debian: apt-get install -y postgresql-client)"
    pg_install
  fi
  if pg_ready; then
    info "postgres already running on $PG_HOST:$PG_PORT$( [[ -f "$PG_STARTED_MARK" ]] && echo " (started by bin/lifeline)" )"
  elif ! pg_is_local; then
    die "PostgreSQL at $PG_HOST:$PG_PORT does not answer (pg_isready); bin/lifeline only starts a local server"
  else
    command -v pg_ctlcluster >/dev/null 2>&1 && [[ -d /etc/postgresql ]] || pg_install
    pg_ready || pg_start_cluster
  fi
  pg_ensure_database
  ok "postgres ready: database $DB_NAME on $PG_HOST:$PG_PORT (user $PG_USER)"
}

# postgres_stop_if_ours: only a server that bin/lifeline started; the shared one stays up.
postgres_stop_if_ours() {
  local cluster
  if [[ ! -f "$PG_STARTED_MARK" ]]; then
    info "postgres left running (not started by bin/lifeline)"
    return 0
  fi
  cluster="$(<"$PG_STARTED_MARK")"
  # shellcheck disable=SC2086
  if pg_ctlcluster --skip-systemctl-redirect $cluster stop 9>&-; then
    rm -f "$PG_STARTED_MARK"
    ok "postgres cluster $cluster stopped (bin/lifeline had started it)"
  else
    err "could not stop PostgreSQL cluster $cluster"
    return 1
  fi
}

postgres_status() {
  local who="shared server"
  [[ -f "$PG_STARTED_MARK" ]] && who="started by bin/lifeline ($(<"$PG_STARTED_MARK"))"
  if command -v pg_isready >/dev/null 2>&1 && pg_ready; then
    status_line postgres running "$(pg_server_pid)" "$PG_HOST:$PG_PORT" "database $DB_NAME, user $PG_USER, $who"
  else
    status_line postgres stopped - "$PG_HOST:$PG_PORT" ""
  fi
}
pg_server_pid() {
  local pid
  pid="$(port_holder_pid "$PG_PORT")"
  echo "${pid:--}"
}

postgres_usage() {
  cat <<EOF
Usage: bin/lifeline postgres ensure|status

  ensure  use the running PostgreSQL; if it is down, start the local cluster on the port
          (pg_ctlcluster), or install it (root: apt-get install postgresql); then create the
          database $DB_NAME if missing. 'down' stops PostgreSQL only if 'ensure' started it.
  status  running/stopped, pid, port

Environment: LIFELINE_PG_HOST (127.0.0.1), LIFELINE_PG_PORT (5432), LIFELINE_PG_USER (postgres),
             LIFELINE_DB_NAME (lifeline)
EOF
}

postgres_main() {
  case "${1:-}" in
    ensure) shift; leaf_args postgres_usage "$@"; take_lock; postgres_ensure ;;
    status) shift; leaf_args postgres_usage "$@"; postgres_status ;;
    -h|--help|help) postgres_usage ;;
    "") postgres_usage >&2; exit 2 ;;
    *) usage_error "unknown postgres command '$1' (ensure|status)" ;;
  esac
}
