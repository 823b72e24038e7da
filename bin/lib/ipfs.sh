# shellcheck shell=bash
# `bin/lifeline ipfs start|stop|status`: a local, offline IPFS node for ipfs-guardian — js-ipfs
# 0.66.1 from npm (infra/ipfs; there is no Kubo package here), its repo under .lifeline/ipfs, the
# Kubo RPC API and the path gateway on loopback ports, no swarm, no bootstrap peers.

IPFS_SRC="$LIFELINE_ROOT/infra/ipfs"
IPFS_DIR="$STATE_DIR/ipfs"
IPFS_REPO="$IPFS_DIR/repo"
IPFS_LOG="$IPFS_DIR/logs/ipfs.log"
IPFS_API_PORT="${LIFELINE_IPFS_API_PORT:-5001}"
IPFS_GATEWAY_PORT="${LIFELINE_IPFS_GATEWAY_PORT:-8088}"
IPFS_RPC_PORT="${LIFELINE_IPFS_RPC_PORT:-5003}"
IPFS_READY_TIMEOUT="${LIFELINE_IPFS_READY_TIMEOUT:-60}"

ipfs_api_url() { echo "http://127.0.0.1:$IPFS_API_PORT"; }
ipfs_gateway_url() { echo "http://127.0.0.1:$IPFS_GATEWAY_PORT"; }

# ipfs_node CMD...: the jsipfs CLI on our repo (Node 20 needs the Promise.withResolvers polyfill).
ipfs_node() {
  IPFS_PATH="$IPFS_REPO" NODE_OPTIONS="--require $IPFS_SRC/promise-with-resolvers.cjs" \
    node "$IPFS_SRC/run-ipfs.mjs" "$@"
}

# ipfs_npm_ci: the committed package-lock.json pins ipfs@0.66.1; installed once (about 3 minutes).
ipfs_npm_ci() {
  [[ -d "$IPFS_SRC/node_modules/ipfs" ]] && return 0
  require_cmd npm
  local log="$LOG_DIR/npm-ipfs.log" start
  mkdir -p "$LOG_DIR"
  start="$(now_ms)"
  info "installing js-ipfs from npm into $(relpath "$IPFS_SRC")/node_modules (npm ci, first run only, a few minutes)..."
  if ! (cd "$IPFS_SRC" && npm ci --no-audit --no-fund) >"$log" 2>&1; then
    show_log_tail "$log" 30
    die "npm ci in $(relpath "$IPFS_SRC") failed (full output: $log). Is the npm registry reachable?"
  fi
  ok "js-ipfs installed ($(elapsed "$start"))"
}

# ipfs_init: a repo with the test profile, loopback-only addresses, no peers (offline by design).
ipfs_init() {
  if [[ ! -f "$IPFS_REPO/config" ]]; then
    mkdir -p "$IPFS_DIR"
    ipfs_node init --profile test >>"$IPFS_LOG" 2>&1 || { show_log_tail "$IPFS_LOG" 20; die "jsipfs init failed (see $IPFS_LOG)"; }
  fi
  # Written at every start so that LIFELINE_IPFS_*_PORT changes apply.
  node -e '
    const fs = require("fs"); const [file, api, gw, rpc] = process.argv.slice(1);
    const c = JSON.parse(fs.readFileSync(file, "utf8"));
    c.Addresses.API = "/ip4/127.0.0.1/tcp/" + api; c.Addresses.Gateway = "/ip4/127.0.0.1/tcp/" + gw;
    c.Addresses.RPC = "/ip4/127.0.0.1/tcp/" + rpc; c.Addresses.Swarm = []; c.Addresses.Announce = []; c.Bootstrap = [];
    fs.writeFileSync(file, JSON.stringify(c, null, 2));' "$IPFS_REPO/config" "$IPFS_API_PORT" "$IPFS_GATEWAY_PORT" "$IPFS_RPC_PORT"
}

ipfs_answers() {
  curl -s --max-time 2 -X POST "$(ipfs_api_url)/api/v0/version" 2>/dev/null | grep -q '"Version"'
}

ipfs_start() {
  local pid start rc=0
  if pid="$(component_pid ipfs)"; then
    info "ipfs already running (pid $pid) on $(ipfs_api_url)"
    return 0
  fi
  require_cmd node curl ss setsid
  ensure_port_free "$IPFS_API_PORT" LIFELINE_IPFS_API_PORT "ipfs (RPC API)"
  ensure_port_free "$IPFS_GATEWAY_PORT" LIFELINE_IPFS_GATEWAY_PORT "ipfs (gateway)"
  ensure_port_free "$IPFS_RPC_PORT" LIFELINE_IPFS_RPC_PORT "ipfs (gRPC)"
  mkdir -p "$(dirname "$IPFS_LOG")"
  ipfs_npm_ci
  ipfs_init
  start="$(now_ms)"
  tag_args ipfs
  pid="$(
    export IPFS_PATH="$IPFS_REPO"
    export NODE_OPTIONS="--require $IPFS_SRC/promise-with-resolvers.cjs"
    start_background ipfs "$IPFS_LOG" "$IPFS_SRC" node "$IPFS_SRC/run-ipfs.mjs" "${TAGS[@]}" daemon --offline
  )"
  wait_until "$IPFS_READY_TIMEOUT" ipfs_answers "$pid" || rc=$?
  if (( rc != 0 )); then
    show_log_tail "$IPFS_LOG" 30
    if (( rc == 2 )); then
      rm -f "$(pid_file ipfs)"
      die "js-ipfs exited during startup (log: $IPFS_LOG)"
    fi
    stop_component ipfs ipfs >/dev/null 2>&1 || true
    die "js-ipfs did not answer on $(ipfs_api_url) within ${IPFS_READY_TIMEOUT} s (log: $IPFS_LOG)"
  fi
  ok "ipfs ready: API $(ipfs_api_url), gateway $(ipfs_gateway_url) (pid $pid, $(elapsed "$start"))"
}

ipfs_stop() { stop_component ipfs ipfs; }

ipfs_status() {
  local pid
  if pid="$(component_pid ipfs)"; then
    status_line ipfs running "$pid" "127.0.0.1:$IPFS_API_PORT" "gateway $(ipfs_gateway_url), repo $(relpath "$IPFS_REPO"), log $(relpath "$IPFS_LOG")"
  else
    status_line ipfs stopped - "127.0.0.1:$IPFS_API_PORT" ""
  fi
}

# ipfs_service_env: what ipfs-guardian needs for the local run (exported by svc_start): the node and
# the platform's (demo) database. Not its gateway: js-ipfs's is not trustless (see the README).
ipfs_service_env() {
  export LIFELINE_IPFS_API_URL="$(ipfs_api_url)"
  export LIFELINE_PLATFORM_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/${LIFELINE_PROTECTED_DB_NAME:-mycelix}"
  export LIFELINE_PLATFORM_DB_USER="${LIFELINE_PROTECTED_DB_USER:-$PG_USER}"
}

ipfs_usage() {
  cat <<EOF
Usage: bin/lifeline ipfs start|stop|status

A local IPFS node for ipfs-guardian: js-ipfs 0.66.1 (npm, infra/ipfs), offline, repo under
$(relpath "$IPFS_REPO").
  start   npm ci once (infra/ipfs, a few minutes), init the repo (test profile, loopback
          addresses, no swarm, no bootstrap peers), start 'jsipfs daemon --offline'
  stop    stop the node (its repo stays)
  status  running/stopped, pid, ports

Environment: LIFELINE_IPFS_API_PORT (5001), LIFELINE_IPFS_GATEWAY_PORT (8088),
             LIFELINE_IPFS_RPC_PORT (5003), LIFELINE_IPFS_READY_TIMEOUT (60 s)
EOF
}

ipfs_main() {
  case "${1:-}" in
    start) shift; leaf_args ipfs_usage "$@"; take_lock; ipfs_start ;;
    stop) shift; leaf_args ipfs_usage "$@"; take_lock; ipfs_stop ;;
    status) shift; leaf_args ipfs_usage "$@"; ipfs_status ;;
    -h|--help|help) ipfs_usage ;;
    "") ipfs_usage >&2; exit 2 ;;
    *) usage_error "unknown ipfs command '$1' (start|stop|status)" ;;
  esac
}
