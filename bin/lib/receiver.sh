# shellcheck shell=bash
# `bin/lifeline receiver start|stop|status`: the local stand-in for PagerDuty, Slack and the ticket
# webhook (infra/receiver/Receiver.java, run by the JDK alone). It answers as those APIs document,
# prints what it got in its log and keeps every request for `GET /received`. The notifier of the
# local run pages through it, so nothing leaves the machine.

RECEIVER_SRC="$LIFELINE_ROOT/infra/receiver/Receiver.java"
RECEIVER_DIR="$STATE_DIR/receiver"
RECEIVER_LOG="$RECEIVER_DIR/logs/receiver.log"
RECEIVER_FILE="$RECEIVER_DIR/received.jsonl"
RECEIVER_PORT="${LIFELINE_RECEIVER_PORT:-8090}"
RECEIVER_READY_TIMEOUT="${LIFELINE_RECEIVER_READY_TIMEOUT:-30}"
# A well-formed (32 characters) integration key; the receiver checks the shape, as PagerDuty does.
RECEIVER_ROUTING_KEY=locallifelinereceiverroutingkey0

receiver_url() { echo "http://127.0.0.1:$RECEIVER_PORT"; }
receiver_adopt_running_port() {
  if component_pid receiver >/dev/null && [[ -s "$RUN_DIR/receiver.port" ]]; then RECEIVER_PORT="$(<"$RUN_DIR/receiver.port")"; fi
}
receiver_answers() { curl -s --max-time 2 "$(receiver_url)/health" 2>/dev/null | grep -q '^ok$'; }

receiver_start() {
  local pid start rc=0
  if pid="$(component_pid receiver)"; then
    RECEIVER_PORT="$(cat "$RUN_DIR/receiver.port" 2>/dev/null || echo "$RECEIVER_PORT")"
    info "receiver already running (pid $pid) on $(receiver_url)"
    return 0
  fi
  require_cmd java curl ss setsid
  ensure_port_free "$RECEIVER_PORT" LIFELINE_RECEIVER_PORT "receiver (PagerDuty/Slack stand-in)"
  mkdir -p "$(dirname "$RECEIVER_LOG")"
  start="$(now_ms)"
  tag_args receiver
  pid="$(start_background receiver "$RECEIVER_LOG" "$RECEIVER_DIR" \
    java -Xmx64m -XX:+UseSerialGC "${TAGS[@]}" "$RECEIVER_SRC" "$RECEIVER_PORT" "$RECEIVER_FILE")"
  echo "$RECEIVER_PORT" >"$RUN_DIR/receiver.port"
  wait_until "$RECEIVER_READY_TIMEOUT" receiver_answers "$pid" || rc=$?
  if (( rc != 0 )); then
    show_log_tail "$RECEIVER_LOG" 30
    (( rc == 2 )) && { rm -f "$(pid_file receiver)"; die "the receiver exited during startup (log: $RECEIVER_LOG)"; }
    stop_component receiver receiver >/dev/null 2>&1 || true
    die "the receiver did not answer within ${RECEIVER_READY_TIMEOUT} s (log: $RECEIVER_LOG)"
  fi
  ok "receiver ready on $(receiver_url) (PagerDuty, Slack and tickets stand-in; pid $pid, $(elapsed "$start"))"
}

receiver_stop() { stop_component receiver receiver; rm -f "$RUN_DIR/receiver.port"; }

receiver_status() {
  local pid port
  if pid="$(component_pid receiver)"; then
    port="$(cat "$RUN_DIR/receiver.port" 2>/dev/null || echo "$RECEIVER_PORT")"
    status_line receiver running "$pid" "127.0.0.1:$port" "PagerDuty/Slack stand-in, log $(relpath "$RECEIVER_LOG")"
  else
    status_line receiver stopped - "127.0.0.1:$RECEIVER_PORT" ""
  fi
}

# receiver_service_env: the notifier pages and posts through the receiver (exported by svc_start).
# A value already in the environment wins, so a real PagerDuty or Slack can be used instead.
receiver_service_env() {
  receiver_adopt_running_port
  export LIFELINE_PAGERDUTY_URL="${LIFELINE_PAGERDUTY_URL:-$(receiver_url)/pagerduty/v2/enqueue}"
  export LIFELINE_PAGERDUTY_ROUTING_KEY="${LIFELINE_PAGERDUTY_ROUTING_KEY:-$RECEIVER_ROUTING_KEY}"
  export LIFELINE_SLACK_INCIDENTS_WEBHOOK_URL="${LIFELINE_SLACK_INCIDENTS_WEBHOOK_URL:-$(receiver_url)/slack/incidents}"
  export LIFELINE_SLACK_FALLBACK_WEBHOOK_URL="${LIFELINE_SLACK_FALLBACK_WEBHOOK_URL:-$(receiver_url)/slack/ops-fallback}"
  export LIFELINE_TICKET_WEBHOOK_URL="${LIFELINE_TICKET_WEBHOOK_URL:-$(receiver_url)/tickets}"
}

receiver_usage() {
  cat <<EOF
Usage: bin/lifeline receiver start|stop|status

The local stand-in for PagerDuty (Events API v2), Slack (incoming webhooks) and the ticket webhook
on 127.0.0.1:$RECEIVER_PORT. It prints each page and post in its log and keeps every request:
  curl -s $(receiver_url)/received        (JSON lines: service, path, status, body)

Environment: LIFELINE_RECEIVER_PORT (8090). To page a real PagerDuty or post to a real Slack from
the local run, set LIFELINE_PAGERDUTY_URL/_ROUTING_KEY or LIFELINE_SLACK_INCIDENTS_WEBHOOK_URL.
EOF
}

receiver_main() {
  case "${1:-}" in
    start) shift; leaf_args receiver_usage "$@"; take_lock; receiver_start ;;
    stop) shift; leaf_args receiver_usage "$@"; take_lock; receiver_stop ;;
    status) shift; leaf_args receiver_usage "$@"; receiver_status ;;
    -h|--help|help) receiver_usage ;;
    "") receiver_usage >&2; exit 2 ;;
    *) usage_error "unknown receiver command '$1' (start|stop|status)" ;;
  esac
}
