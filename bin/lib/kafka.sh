# shellcheck shell=bash
# `bin/lifeline kafka start|stop|status`: one real Apache Kafka 4.1.2 broker in KRaft mode
# (combined broker + controller, node id 1) from Maven Central jars, state under .lifeline/kafka/.

KAFKA_DIR="$STATE_DIR/kafka"
KAFKA_LIB="$KAFKA_DIR/lib"
KAFKA_CONFIG="$KAFKA_DIR/config/server.properties"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_LOG="$KAFKA_DIR/logs/server.log"
KAFKA_CLUSTER_ID_FILE="$KAFKA_DIR/cluster-id"
KAFKA_POM="$LIFELINE_ROOT/infra/kafka/pom.xml"
KAFKA_LOG4J="$LIFELINE_ROOT/infra/kafka/log4j2.properties"
KAFKA_TOOLS_LOG4J="$LIFELINE_ROOT/infra/kafka/log4j2-tools.properties"
KAFKA_READY_TIMEOUT="${LIFELINE_KAFKA_READY_TIMEOUT:-60}"

# Topic rules: the catalogue is the file names of events/src/main/resources/schemas/*.schema.json
# (a file is a topic only if its name has a dot before .schema.json: health.degraded.schema.json).
TOPIC_SCHEMAS_DIR="$LIFELINE_ROOT/events/src/main/resources/schemas"
TOPIC_PARTITIONS=3
TOPIC_RETENTION_MS=7776000000   # 90 days, long enough for postmortems

kafka_bootstrap() { echo "$KAFKA_HOST:$KAFKA_PORT"; }
# kafka_adopt_running_port: a running broker keeps the port it was started with; use that one.
kafka_adopt_running_port() {
  if component_pid kafka >/dev/null && [[ -s "$RUN_DIR/kafka.port" ]]; then KAFKA_PORT="$(<"$RUN_DIR/kafka.port")"; fi
}

# topic_catalogue: prints one topic name per line (sorted), nothing if the folder is missing.
topic_catalogue() {
  local file base
  [[ -d "$TOPIC_SCHEMAS_DIR" ]] || return 0
  for file in "$TOPIC_SCHEMAS_DIR"/*.schema.json; do
    [[ -e "$file" ]] || continue
    base="$(basename "$file" .schema.json)"
    [[ "$base" == *.* ]] || continue                      # common.schema.json etc. are not topics
    if [[ ! "$base" =~ ^[A-Za-z0-9._-]+$ ]]; then
      warn "ignoring $(relpath "$file"): '$base' is not a valid Kafka topic name"
      continue
    fi
    echo "$base"
  done | sort -u
}

# kafka_tool MAIN_CLASS ARGS...: a short-lived Kafka command-line tool from the broker's jars.
kafka_tool() {
  local main="$1"
  shift
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_TOOLS_LOG4J" \
    -cp "$KAFKA_LIB/*" "$main" "$@"
}

kafka_write_config() {
  mkdir -p "$(dirname "$KAFKA_CONFIG")" "$KAFKA_DATA" "$(dirname "$KAFKA_LOG")"
  cat >"$KAFKA_CONFIG" <<EOF
# Written by bin/lifeline at each start from LIFELINE_KAFKA_* settings; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DATA

# One broker: everything replicated once.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Dead-letter topics appear on demand; consumers join without the 3 s rebalance delay.
auto.create.topics.enable=true
num.partitions=$TOPIC_PARTITIONS
group.initial.rebalance.delay.ms=0

# The event log is the source of truth for postmortems: keep 90 days.
log.retention.hours=2160
EOF
}

kafka_cluster_id() {
  if [[ ! -s "$KAFKA_CLUSTER_ID_FILE" ]]; then
    kafka_tool kafka.tools.StorageTool random-uuid >"$KAFKA_CLUSTER_ID_FILE.tmp" 2>>"$KAFKA_LOG" \
      || die "could not generate a Kafka cluster id (see $KAFKA_LOG)"
    mv "$KAFKA_CLUSTER_ID_FILE.tmp" "$KAFKA_CLUSTER_ID_FILE"
  fi
  tr -d '[:space:]' <"$KAFKA_CLUSTER_ID_FILE"
}

kafka_format_once() {
  [[ -f "$KAFKA_DATA/meta.properties" ]] && return 0
  local id
  id="$(kafka_cluster_id)"
  info "formatting Kafka storage in $(relpath "$KAFKA_DATA") (cluster id $id, first run only)"
  if ! kafka_tool kafka.tools.StorageTool format -t "$id" -c "$KAFKA_CONFIG" >>"$KAFKA_LOG" 2>&1; then
    show_log_tail "$KAFKA_LOG" 20
    die "formatting Kafka storage failed (see $KAFKA_LOG)"
  fi
}

KAFKA_LOG_OFFSET=0
# Only this start's lines count. (grep -q stops reading early: tail's SIGPIPE must not fail the
# pipeline under pipefail, hence the `|| true`.)
kafka_started_in_log() {
  { tail -c +"$(( KAFKA_LOG_OFFSET + 1 ))" "$KAFKA_LOG" 2>/dev/null || true; } | grep -q 'Kafka Server started'
}

kafka_start() {
  local pid start running_port
  if pid="$(component_pid kafka)"; then
    running_port="$(cat "$RUN_DIR/kafka.port" 2>/dev/null || echo "$KAFKA_PORT")"
    info "kafka already running (pid $pid) on $KAFKA_HOST:$running_port"
    [[ "$running_port" == "$KAFKA_PORT" ]] \
      || warn "LIFELINE_KAFKA_PORT=$KAFKA_PORT ignored: the running broker uses $running_port (bin/lifeline kafka stop, then start)"
    KAFKA_PORT="$running_port"
    kafka_create_topics   # the catalogue may have grown since the broker started
    return 0
  fi
  require_cmd java ss setsid
  ensure_port_free "$KAFKA_PORT" LIFELINE_KAFKA_PORT "kafka"
  ensure_port_free "$KAFKA_CONTROLLER_PORT" LIFELINE_KAFKA_CONTROLLER_PORT "kafka (controller listener)"
  fetch_jars "Kafka 4.1.2" "$KAFKA_POM" "$KAFKA_LIB"
  kafka_write_config
  kafka_format_once

  rotate_log "$KAFKA_LOG"
  KAFKA_LOG_OFFSET="$(stat -c %s "$KAFKA_LOG" 2>/dev/null || echo 0)"
  start="$(now_ms)"
  tag_args kafka
  pid="$(start_background kafka "$KAFKA_LOG" "$KAFKA_DIR" \
    java -Xmx512m -XX:+UseSerialGC "${TAGS[@]}" \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dkafka.logs.dir="$(dirname "$KAFKA_LOG")" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_CONFIG")"
  echo "$KAFKA_PORT" >"$RUN_DIR/kafka.port"

  local rc=0
  wait_until "$KAFKA_READY_TIMEOUT" kafka_started_in_log "$pid" || rc=$?
  if (( rc != 0 )); then
    show_log_tail "$KAFKA_LOG" 40
    if (( rc == 2 )); then
      rm -f "$(pid_file kafka)"
      die "kafka exited during startup (log: $KAFKA_LOG)"
    fi
    stop_component kafka kafka >/dev/null 2>&1 || true
    die "kafka did not log 'Kafka Server started' within ${KAFKA_READY_TIMEOUT} s (log: $KAFKA_LOG)"
  fi
  ok "kafka ready on $(kafka_bootstrap) (pid $pid, $(elapsed "$start"))"
  kafka_create_topics
}

# kafka_create_topics: every catalogue topic, 3 partitions, 90 days; idempotent. Lists once with
# TopicCommand and creates only what is missing, with TopicCommand run in one JVM for all of them
# (infra/kafka/CreateTopics.java; one JVM per topic costs about a second each).
kafka_create_topics() {
  local catalogue existing missing start
  catalogue="$(topic_catalogue)"
  if [[ -z "$catalogue" ]]; then
    warn "no topic catalogue yet ($(relpath "$TOPIC_SCHEMAS_DIR")/*.*.schema.json): creating no topics; they will be auto-created with broker defaults on first use"
    return 0
  fi
  start="$(now_ms)"
  existing="$(kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$(kafka_bootstrap)" --list 2>>"$KAFKA_LOG")" \
    || die "could not list Kafka topics (see $KAFKA_LOG)"
  missing="$(comm -23 <(echo "$catalogue") <(echo "$existing" | sort -u))"
  if [[ -z "$missing" ]]; then
    info "kafka topics: all $(wc -l <<<"$catalogue") catalogue topics exist"
    return 0
  fi
  info "creating $(wc -l <<<"$missing") kafka topics ($TOPIC_PARTITIONS partitions, retention 90 days)..."
  # shellcheck disable=SC2086  # one argument per topic (names validated by topic_catalogue)
  if ! kafka_tool "$LIFELINE_ROOT/infra/kafka/CreateTopics.java" "$(kafka_bootstrap)" \
      "$TOPIC_PARTITIONS" "$TOPIC_RETENTION_MS" $missing >>"$KAFKA_LOG" 2>&1; then
    show_log_tail "$KAFKA_LOG" 20
    die "creating kafka topics failed (see $KAFKA_LOG)"
  fi
  ok "kafka topics created: $(paste -sd' ' <<<"$missing") ($(elapsed "$start"))"
}

kafka_stop() { stop_component kafka kafka; rm -f "$RUN_DIR/kafka.port"; }

kafka_status() {
  local pid port
  if pid="$(component_pid kafka)"; then
    port="$(cat "$RUN_DIR/kafka.port" 2>/dev/null || echo "$KAFKA_PORT")"
    status_line kafka running "$pid" "$KAFKA_HOST:$port" "controller :$KAFKA_CONTROLLER_PORT, log $(relpath "$KAFKA_LOG")"
  else
    status_line kafka stopped - "$KAFKA_HOST:$KAFKA_PORT" ""
  fi
}

kafka_usage() {
  cat <<EOF
Usage: bin/lifeline kafka start|stop|status

A real Apache Kafka 4.1.2 broker (KRaft, broker+controller, node id 1) from Maven Central jars.
  start   fetch jars once, format storage once, start, wait for 'Kafka Server started',
          create the catalogue topics (events/src/main/resources/schemas/*.*.schema.json)
  stop    stop the broker (SIGTERM, then SIGKILL after ${STOP_TIMEOUT} s)
  status  running/stopped, pid, port

Environment: LIFELINE_KAFKA_PORT (9092), LIFELINE_KAFKA_CONTROLLER_PORT (9093),
             LIFELINE_KAFKA_READY_TIMEOUT (60 s)
State: .lifeline/kafka/{lib,config,data,logs,cluster-id}
EOF
}

kafka_main() {
  case "${1:-}" in
    start) shift; leaf_args kafka_usage "$@"; take_lock; kafka_start ;;
    stop) shift; leaf_args kafka_usage "$@"; take_lock; kafka_stop ;;
    status) shift; leaf_args kafka_usage "$@"; kafka_status ;;
    -h|--help|help) kafka_usage ;;
    "") kafka_usage >&2; exit 2 ;;
    *) usage_error "unknown kafka command '$1' (start|stop|status)" ;;
  esac
}
