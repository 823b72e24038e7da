# shellcheck shell=bash
# `bin/lifeline events tail`: watch Lifeline's events flow, with Kafka's own ConsoleConsumer.

events_usage() {
  cat <<EOF2
Usage: bin/lifeline events tail [TOPIC ...] [--from-beginning] [--max N]

Prints one line per event:  time (UTC) | headers (the CloudEvents ce_* headers) | key | value
  TOPIC             topics to follow (default: any topic named <catalogue domain>.<...>,
                    e.g. health.degraded, plus the dead-letter topics dlq.<service>)
  --from-beginning  start at the oldest retained event instead of new ones only
  --max N           exit after N events
Stop with Ctrl-C. Needs the local broker (bin/lifeline kafka start).
EOF2
}

# events_default_regex: ^(backup|dlq|health|incident|...)\..+ from the catalogue's domains plus
# the dead-letter topics (dlq.<service>); every non-internal topic when there is no catalogue yet.
events_default_regex() {
  local domains
  domains="$( { topic_catalogue | cut -d. -f1; echo dlq; } | sort -u | paste -sd'|' -)"
  if [[ "$domains" == dlq ]]; then
    echo '^[^_].*'
  else
    echo "^($domains)\\..+"
  fi
}

events_tail() {
  local topics=() from_beginning=() max=() regex t
  while (( $# > 0 )); do
    case "$1" in
      --from-beginning) from_beginning=(--from-beginning); shift ;;
      --max) [[ $# -ge 2 ]] || usage_error "--max needs a number"; require_positive_int --max "$2"; max=(--max-messages "$2"); shift 2 ;;
      --max=*) require_positive_int --max "${1#*=}"; max=(--max-messages "${1#*=}"); shift ;;
      -h|--help) events_usage; return 0 ;;
      -*) usage_error "unknown events tail option '$1'" ;;
      *) [[ "$1" =~ ^[A-Za-z0-9._-]+$ ]] || usage_error "'$1' is not a Kafka topic name"; topics+=("$1"); shift ;;
    esac
  done
  if (( ${#topics[@]} > 0 )); then
    regex="^($(for t in "${topics[@]}"; do printf '%s\n' "${t//./\\.}"; done | paste -sd'|' -))\$"
  else
    regex="$(events_default_regex)"
  fi
  [[ -f "$KAFKA_LIB/.stamp" ]] || die "the Kafka jars are not there yet: run bin/lifeline kafka start (or bin/lifeline up) first"
  kafka_adopt_running_port
  component_pid kafka >/dev/null || die "kafka is not running: start it with bin/lifeline kafka start (or bin/lifeline up)"
  info "following topics matching $regex on $(kafka_bootstrap) (Ctrl-C to stop)"
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_TOOLS_LOG4J" -cp "$KAFKA_LIB/*" \
    org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$(kafka_bootstrap)" \
    --include "$regex" "${from_beginning[@]}" "${max[@]}" \
    --property print.timestamp=true --property print.key=true --property print.headers=true \
    --property print.value=true --property key.separator=' | ' --property headers.separator=',' \
    --property null.literal='-' | events_readable_time
}

# events_readable_time: "CreateTime:1795784693305 | ..." -> "2026-11-27T13:04:53.305Z | ...", streaming.
events_readable_time() {
  awk '{
    if (match($0, /^CreateTime:[0-9]+/)) {
      ms = substr($0, 12, RLENGTH - 11)
      $0 = strftime("%Y-%m-%dT%H:%M:%S", int(ms / 1000), 1) sprintf(".%03dZ", ms % 1000) substr($0, RLENGTH + 1)
    }
    print; fflush()
  }'
}

events_main() {
  case "${1:-}" in
    tail) shift; events_tail "$@" ;;
    -h|--help|help) events_usage ;;
    "") events_usage >&2; exit 2 ;;
    *) usage_error "unknown events command '$1' (tail)" ;;
  esac
}
