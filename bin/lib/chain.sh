# shellcheck shell=bash
# `bin/lifeline chain start|stop|status`: a local EVM chain (npm hardhat 2.29.1 `hardhat node`,
# chain id 31337) with the test contracts deployed at each start (the node keeps its state in
# memory): FlowToken, TestRouter (no pause, like today's Mycelix router) and PausableTestRouter,
# whose pauser key is written to an encrypted keystore. contract-guardian watches them.

CHAIN_SRC="$LIFELINE_ROOT/infra/chain"
CHAIN_DIR="$STATE_DIR/chain"
CHAIN_LOG="$CHAIN_DIR/logs/hardhat.log"
CHAIN_DEPLOYMENT="$CHAIN_DIR/deployment.json"
CHAIN_PORT="${LIFELINE_CHAIN_PORT:-8545}"
CHAIN_ID=31337
CHAIN_BLOCK_INTERVAL_MS="${LIFELINE_CHAIN_BLOCK_INTERVAL_MS:-2000}"
CHAIN_READY_TIMEOUT="${LIFELINE_CHAIN_READY_TIMEOUT:-60}"

chain_rpc_url() { echo "http://127.0.0.1:$CHAIN_PORT"; }
chain_adopt_running_port() {
  if component_pid chain >/dev/null && [[ -s "$RUN_DIR/chain.port" ]]; then CHAIN_PORT="$(<"$RUN_DIR/chain.port")"; fi
}

# chain_npm_ci: the committed package-lock.json pins hardhat and solc; installed once.
chain_npm_ci() {
  [[ -d "$CHAIN_SRC/node_modules/hardhat" && -d "$CHAIN_SRC/node_modules/solc" ]] && return 0
  require_cmd npm
  local log="$LOG_DIR/npm-chain.log" start
  mkdir -p "$LOG_DIR"
  start="$(now_ms)"
  info "installing hardhat and solc from npm into $(relpath "$CHAIN_SRC")/node_modules (npm ci, first run only)..."
  if ! (cd "$CHAIN_SRC" && npm ci --no-audit --no-fund) >"$log" 2>&1; then
    show_log_tail "$log" 30
    die "npm ci in $(relpath "$CHAIN_SRC") failed (full output: $log). Is the npm registry reachable?"
  fi
  ok "hardhat and solc installed ($(elapsed "$start"))"
}

chain_compile() {
  (cd "$CHAIN_SRC" && node compile.js --if-needed) >>"$CHAIN_LOG" 2>&1 \
    || { show_log_tail "$CHAIN_LOG" 20; die "compiling the test contracts failed (see $CHAIN_LOG)"; }
}

chain_answers() {
  curl -s --max-time 2 -X POST -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$(chain_rpc_url)" 2>/dev/null \
    | grep -q '"result":"0x7a69"'
}

chain_deploy() {
  mkdir -p "$CHAIN_DIR"
  (umask 077; cd "$CHAIN_SRC" && node deploy.js "$(chain_rpc_url)" "$CHAIN_DIR") >>"$CHAIN_LOG" 2>&1 \
    || { show_log_tail "$CHAIN_LOG" 20; die "deploying the test contracts failed (see $CHAIN_LOG)"; }
  ok "contracts deployed: router $(chain_address router), pausable router $(chain_address pausableRouter) ($(relpath "$CHAIN_DEPLOYMENT"))"
}

# chain_address KEY: a field of deployment.json (token, router, pausableRouter, pauser, treasury).
chain_address() {
  [[ -f "$CHAIN_DEPLOYMENT" ]] || return 0
  sed -n "s/^ *\"$1\": \"\(0x[0-9a-fA-F]*\)\".*/\1/p" "$CHAIN_DEPLOYMENT" | head -n 1
}

chain_start() {
  local pid start rc=0
  if pid="$(component_pid chain)"; then
    CHAIN_PORT="$(cat "$RUN_DIR/chain.port" 2>/dev/null || echo "$CHAIN_PORT")"
    info "chain already running (pid $pid) on $(chain_rpc_url)"
    return 0
  fi
  require_cmd node curl ss setsid
  ensure_port_free "$CHAIN_PORT" LIFELINE_CHAIN_PORT "chain (hardhat node)"
  mkdir -p "$(dirname "$CHAIN_LOG")"
  chain_npm_ci
  chain_compile
  start="$(now_ms)"
  tag_args chain
  pid="$(
    export LIFELINE_CHAIN_BLOCK_INTERVAL_MS="$CHAIN_BLOCK_INTERVAL_MS"
    export HARDHAT_DISABLE_TELEMETRY_PROMPT=true
    start_background chain "$CHAIN_LOG" "$CHAIN_SRC" \
      node "$CHAIN_SRC/run-node.js" "${TAGS[@]}" node --hostname 127.0.0.1 --port "$CHAIN_PORT"
  )"
  echo "$CHAIN_PORT" >"$RUN_DIR/chain.port"
  wait_until "$CHAIN_READY_TIMEOUT" chain_answers "$pid" || rc=$?
  if (( rc != 0 )); then
    show_log_tail "$CHAIN_LOG" 30
    if (( rc == 2 )); then
      rm -f "$(pid_file chain)"
      die "hardhat node exited during startup (log: $CHAIN_LOG)"
    fi
    stop_component chain chain >/dev/null 2>&1 || true
    die "hardhat node did not answer eth_chainId within ${CHAIN_READY_TIMEOUT} s (log: $CHAIN_LOG)"
  fi
  ok "chain ready on $(chain_rpc_url) (chain id $CHAIN_ID, pid $pid, $(elapsed "$start"))"
  # The node keeps its state in memory: a new node needs the contracts again.
  chain_deploy
}

chain_stop() { stop_component chain chain; rm -f "$RUN_DIR/chain.port"; }

chain_status() {
  local pid port
  if pid="$(component_pid chain)"; then
    port="$(cat "$RUN_DIR/chain.port" 2>/dev/null || echo "$CHAIN_PORT")"
    status_line chain running "$pid" "127.0.0.1:$port" "chain id $CHAIN_ID, router $(chain_address router), log $(relpath "$CHAIN_LOG")"
  else
    status_line chain stopped - "127.0.0.1:$CHAIN_PORT" ""
  fi
}

# chain_service_env: the settings contract-guardian needs for the local chain (exported by svc_start).
chain_service_env() {
  chain_adopt_running_port
  export LIFELINE_CHAIN_RPC_URL="$(chain_rpc_url)"
  export LIFELINE_CHAIN_ID="$CHAIN_ID"
  [[ -f "$CHAIN_DEPLOYMENT" ]] || return 0
  export LIFELINE_CONTRACT_ROUTER_ADDRESS="$(chain_address router)"
  export LIFELINE_CONTRACT_ROUTER_ABI="$CHAIN_SRC/build/TestRouter.json"
  export LIFELINE_CONTRACT_PAUSABLE_ROUTER_ADDRESS="$(chain_address pausableRouter)"
  export LIFELINE_CONTRACT_PAUSABLE_ROUTER_ABI="$CHAIN_SRC/build/PausableTestRouter.json"
  export LIFELINE_CONTRACT_TOKEN_ADDRESS="$(chain_address token)"
  export LIFELINE_CONTRACT_EXPECTED_TREASURIES="$(chain_address treasury)"
  export LIFELINE_CONTRACT_PAUSER_KEYSTORE="$CHAIN_DIR/pauser.keystore.json"
  export LIFELINE_CONTRACT_PAUSER_PASSWORD_FILE="$CHAIN_DIR/pauser.password"
}

chain_usage() {
  cat <<EOF
Usage: bin/lifeline chain start|stop|status

A local EVM chain: npm hardhat 2.29.1 'hardhat node' on 127.0.0.1:$CHAIN_PORT, chain id $CHAIN_ID,
an empty block every ${CHAIN_BLOCK_INTERVAL_MS} ms besides one per transaction.
  start   npm ci once (infra/chain), compile the contracts (solc), start the node, deploy
          FlowToken, TestRouter and PausableTestRouter (.lifeline/chain/deployment.json; the
          pauser's keystore and password beside it, mode 600)
  stop    stop the node (its state is in memory and goes with it)
  status  running/stopped, pid, port

Environment: LIFELINE_CHAIN_PORT (8545), LIFELINE_CHAIN_BLOCK_INTERVAL_MS (2000),
             LIFELINE_CHAIN_READY_TIMEOUT (60 s)
EOF
}

chain_main() {
  case "${1:-}" in
    start) shift; leaf_args chain_usage "$@"; take_lock; chain_start ;;
    stop) shift; leaf_args chain_usage "$@"; take_lock; chain_stop ;;
    status) shift; leaf_args chain_usage "$@"; chain_status ;;
    -h|--help|help) chain_usage ;;
    "") chain_usage >&2; exit 2 ;;
    *) usage_error "unknown chain command '$1' (start|stop|status)" ;;
  esac
}
