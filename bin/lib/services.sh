# shellcheck shell=bash
# `bin/lifeline services up|down|status`: the Quarkus services of infra/services.conf, built once
# when needed, run from their quarkus-run.jar against the local Kafka, S3 and PostgreSQL.

SERVICES_CONF="$LIFELINE_ROOT/infra/services.conf"
SERVICE_READY_TIMEOUT="${LIFELINE_SERVICE_READY_TIMEOUT:-90}"
BUILD_LOG="$LOG_DIR/build.log"

# LIFELINE_<NAME>_PORT overrides a service's port: health-monitor -> LIFELINE_HEALTH_MONITOR_PORT
svc_port_var() { local v="${1^^}"; echo "LIFELINE_${v//-/_}_PORT"; }
svc_jar() { echo "$LIFELINE_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
svc_log() { echo "$LOG_DIR/$1.log"; }
svc_component() { echo "svc-$1"; }

# services_list: "name port" per line, from infra/services.conf, ports overridable by env.
services_list() {
  [[ -f "$SERVICES_CONF" ]] || die "missing $SERVICES_CONF (one 'name port' line per service)"
  local name port extra var n=0
  while read -r name port extra || [[ -n "$name" ]]; do
    n=$(( n + 1 ))
    [[ -z "$name" || "$name" == \#* ]] && continue
    [[ "$name" =~ ^[a-z0-9][a-z0-9-]*$ && -z "$extra" ]] \
      || die "$(relpath "$SERVICES_CONF") line $n: expected 'name port', got '$name $port $extra'"
    var="$(svc_port_var "$name")"
    port="${!var:-$port}"
    require_port_number "$var (or $(relpath "$SERVICES_CONF") line $n)" "$port"
    echo "$name $port"
  done <"$SERVICES_CONF"
}

# svc_stale NAME: true if the jar is missing or older than the service's or the shared sources.
svc_stale() {
  local jar paths=() p
  jar="$(svc_jar "$1")"
  [[ -f "$jar" ]] || return 0
  for p in "$LIFELINE_ROOT/$1/src" "$LIFELINE_ROOT/$1/pom.xml" "$LIFELINE_ROOT/events/src" \
           "$LIFELINE_ROOT/events/pom.xml" "$LIFELINE_ROOT/pom.xml"; do
    [[ -e "$p" ]] && paths+=("$p")
  done
  (( ${#paths[@]} > 0 )) && [[ -n "$(find "${paths[@]}" -type f -newer "$jar" -print -quit 2>/dev/null)" ]]
}

services_build_if_needed() {
  local name port stale=() start list
  list="$(services_list)"
  while read -r name port; do
    [[ -n "$name" ]] || continue
    [[ -d "$LIFELINE_ROOT/$name" ]] || die "service $name is listed in $(relpath "$SERVICES_CONF") but there is no $name/ module"
    if svc_stale "$name"; then stale+=("$name"); fi
  done <<<"$list"
  (( ${#stale[@]} > 0 )) || return 0
  if [[ "${LIFELINE_SKIP_BUILD:-}" == 1 ]]; then
    for name in "${stale[@]}"; do
      [[ -f "$(svc_jar "$name")" ]] || die "LIFELINE_SKIP_BUILD=1 but $(relpath "$(svc_jar "$name")") does not exist"
    done
    warn "LIFELINE_SKIP_BUILD=1: running possibly outdated jars of: ${stale[*]}"
    return 0
  fi
  require_cmd mvn
  info "building services (${stale[*]} missing or older than the sources): mvn -q -B -DskipTests install at the repo root; this takes a minute or two, output in $(relpath "$BUILD_LOG")"
  start="$(now_ms)"
  if ! (cd "$LIFELINE_ROOT" && mvn -q -B -Dstyle.color=never -DskipTests install) >"$BUILD_LOG" 2>&1; then
    show_log_tail "$BUILD_LOG" 40
    die "the build failed (full output: $BUILD_LOG)"
  fi
  for name in "${stale[@]}"; do
    [[ -f "$(svc_jar "$name")" ]] || die "the build succeeded but did not produce $(relpath "$(svc_jar "$name")")"
  done
  ok "services built ($(elapsed "$start"))"
}

svc_ready_url() { echo "http://127.0.0.1:$1/q/health/ready"; }
SVC_CHECK_PORT=''
svc_answers_ready() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$(svc_ready_url "$SVC_CHECK_PORT")" 2>/dev/null)" == 200 ]]
}

# svc_start NAME PORT: start one service in the background (env carries every setting).
svc_start() {
  local name="$1" port="$2" component pid
  component="$(svc_component "$name")"
  tag_args "$component"
  # Settings go through the environment of the child only (secrets never on a command line).
  pid="$(
    export QUARKUS_HTTP_PORT="$port"
    export KAFKA_BOOTSTRAP_SERVERS="$KAFKA_HOST:$KAFKA_PORT"
    export LIFELINE_JWT_PUBLIC_KEY="$JWT_PUBLIC_KEY"
    export LIFELINE_JWT_ISSUER="$JWT_ISSUER"
    export LIFELINE_S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
    export LIFELINE_S3_REGION="$S3_REGION"
    export LIFELINE_S3_BUCKET="$S3_BUCKET"
    export LIFELINE_S3_ACCESS_KEY="$S3_ACCESS_KEY"
    export LIFELINE_S3_SECRET_KEY="$S3_SECRET_KEY"
    export LIFELINE_DB_URL="postgresql://$PG_HOST:$PG_PORT/$DB_NAME"
    export LIFELINE_DB_USER="$PG_USER"
    export LIFELINE_BACKUP_DIR="$BACKUP_DIR"
    export LIFELINE_BACKUP_RECIPIENTS="$BACKUP_RECIPIENT_KEY"
    export LIFELINE_BACKUP_VERIFY_KEY="$BACKUP_VERIFY_KEY"
    export LIFELINE_PROTECTED_DB_NAME="$PROTECTED_DB_NAME"
    restore_service_env  # restore-service: decryption key, safety-dump and work folders (bin/lib/backup.sh)
    chain_service_env   # contract-guardian: the local chain's RPC, contract addresses, pauser keystore
    ipfs_service_env    # ipfs-guardian: the local IPFS node's API and gateway, the platform's database
    receiver_service_env  # notifier: PagerDuty, Slack and tickets through the local receiver
    start_background "$component" "$(svc_log "$name")" "$LIFELINE_ROOT/$name" \
      java -Xmx256m "${TAGS[@]}" -jar "$(svc_jar "$name")"
  )"
  echo "$port" >"$RUN_DIR/$component.port"
  echo "$pid"
}

services_up() {
  local name port pid component start rc list
  require_cmd java curl ss setsid
  list="$(services_list)"
  services_build_if_needed
  ensure_jwt_keys
  ensure_backup_keys
  ensure_protected_database
  s3_load_credentials
  kafka_adopt_running_port
  s3_adopt_running_port
  component_pid kafka >/dev/null || warn "kafka is not running: services that need it will not become ready (bin/lifeline infra up)"
  component_pid s3 >/dev/null || warn "s3 is not running: services that need it will not become ready (bin/lifeline infra up)"
  while read -r name port; do
    [[ -n "$name" ]] || continue
    component="$(svc_component "$name")"
    if pid="$(component_pid "$component")"; then
      info "$name already running (pid $pid) on http://127.0.0.1:$(cat "$RUN_DIR/$component.port" 2>/dev/null || echo "$port")"
      continue
    fi
    ensure_port_free "$port" "$(svc_port_var "$name")" "$name"
    start="$(now_ms)"
    pid="$(svc_start "$name" "$port")"
    rc=0
    SVC_CHECK_PORT="$port"
    wait_until "$SERVICE_READY_TIMEOUT" svc_answers_ready "$pid" || rc=$?
    if (( rc != 0 )); then
      show_log_tail "$(svc_log "$name")" 40
      if (( rc == 2 )); then
        rm -f "$(pid_file "$component")"
        die "$name exited during startup (log: $(svc_log "$name"))"
      fi
      stop_component "$component" "$name" >/dev/null 2>&1 || true
      die "$name did not answer 200 on $(svc_ready_url "$port") within ${SERVICE_READY_TIMEOUT} s (log: $(svc_log "$name"))"
    fi
    ok "$name ready on http://127.0.0.1:$port (pid $pid, $(elapsed "$start"))"
  done <<<"$list"
}

# Names to stop: those configured, plus any with a pid file (a line removed from the conf).
services_known() {
  local list f
  list="$(services_list)"
  { cut -d' ' -f1 <<<"$list"
    for f in "$RUN_DIR"/svc-*.pid; do [[ -e "$f" ]] && basename "$f" .pid | sed 's/^svc-//'; done
  } | awk 'NF && !seen[$0]++'
}

services_down() {
  local name rc=0 names
  names="$(services_known)"
  while read -r name; do
    [[ -n "$name" ]] || continue
    stop_component "$(svc_component "$name")" "$name" || rc=1
    rm -f "$RUN_DIR/$(svc_component "$name").port"
  done <<<"$names"
  return $rc
}

services_status() {
  local name port pid component health list
  list="$(services_list)"
  while read -r name port; do
    [[ -n "$name" ]] || continue
    component="$(svc_component "$name")"
    if pid="$(component_pid "$component")"; then
      port="$(cat "$RUN_DIR/$component.port" 2>/dev/null || echo "$port")"
      SVC_CHECK_PORT="$port"
      health="not ready"
      svc_answers_ready && health=ready
      status_line "$name" running "$pid" "127.0.0.1:$port" "$health, log $(relpath "$(svc_log "$name")")"
    else
      status_line "$name" stopped - "127.0.0.1:$port" ""
    fi
  done <<<"$list"
}

services_usage() {
  cat <<EOF
Usage: bin/lifeline services up|down|status

The Quarkus services listed in infra/services.conf ('name port' per line).
  up      build once if a jar is missing or older than the sources (mvn -q -B -DskipTests install),
          start each 'java -Xmx256m -jar <svc>/target/quarkus-app/quarkus-run.jar', wait for
          GET /q/health/ready = 200 (${SERVICE_READY_TIMEOUT} s)
  down    stop them
  status  running/stopped, pid, port, readiness

Environment given to each service:
  QUARKUS_HTTP_PORT, KAFKA_BOOTSTRAP_SERVERS, LIFELINE_JWT_PUBLIC_KEY, LIFELINE_JWT_ISSUER,
  LIFELINE_S3_ENDPOINT, LIFELINE_S3_REGION, LIFELINE_S3_BUCKET, LIFELINE_S3_ACCESS_KEY,
  LIFELINE_S3_SECRET_KEY, LIFELINE_DB_URL, LIFELINE_DB_USER, LIFELINE_BACKUP_DIR (.lifeline/backups),
  LIFELINE_BACKUP_RECIPIENTS, LIFELINE_BACKUP_VERIFY_KEY (.lifeline/keys/backup-*.asc), LIFELINE_PROTECTED_DB_NAME,
  LIFELINE_RESTORE_DECRYPTION_KEY, LIFELINE_RESTORE_SAFETY_DIR, LIFELINE_RESTORE_WORK_DIR (.lifeline/restore/)
Knobs: LIFELINE_<SERVICE>_PORT (e.g. LIFELINE_HEALTH_MONITOR_PORT), LIFELINE_SKIP_BUILD=1 (never build),
       LIFELINE_SERVICE_READY_TIMEOUT (90 s). Logs: .lifeline/logs/<service>.log
EOF
}

services_main() {
  case "${1:-}" in
    up) shift; leaf_args services_usage "$@"; take_lock; services_up ;;
    down) shift; leaf_args services_usage "$@"; take_lock; services_down ;;
    status) shift; leaf_args services_usage "$@"; services_status ;;
    -h|--help|help) services_usage ;;
    "") services_usage >&2; exit 2 ;;
    *) usage_error "unknown services command '$1' (up|down|status)" ;;
  esac
}
