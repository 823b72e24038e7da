# shellcheck shell=bash
# Shared helpers for bin/lifeline: paths, messages, timing, processes, ports, Maven-fetched jars.
# Sourced by bin/lifeline; expects `set -euo pipefail` and LIFELINE_ROOT to be set.

# ---------------------------------------------------------------------------------------------
# Paths and settings (everything overridable by environment variables)
# ---------------------------------------------------------------------------------------------
STATE_DIR="${LIFELINE_STATE_DIR:-$LIFELINE_ROOT/.lifeline}"
RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"
KEYS_DIR="$STATE_DIR/keys"

KAFKA_HOST=127.0.0.1
KAFKA_PORT="${LIFELINE_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${LIFELINE_KAFKA_CONTROLLER_PORT:-9093}"
S3_PORT="${LIFELINE_S3_PORT:-9000}"
S3_BUCKET="${LIFELINE_S3_BUCKET:-lifeline-backups}"
PG_HOST="${LIFELINE_PG_HOST:-127.0.0.1}"
PG_PORT="${LIFELINE_PG_PORT:-5432}"
PG_USER="${LIFELINE_PG_USER:-postgres}"
DB_NAME="${LIFELINE_DB_NAME:-lifeline}"

JWT_ISSUER=lifeline-dev
JWT_PRIVATE_KEY="$KEYS_DIR/jwt-private.pem"
JWT_PUBLIC_KEY="$KEYS_DIR/jwt-public.pem"

STOP_TIMEOUT="${LIFELINE_STOP_TIMEOUT:-30}"

# ---------------------------------------------------------------------------------------------
# Messages: everything informative goes to stderr with one prefix, so stdout stays clean for
# what callers capture (`TOKEN=$(bin/lifeline token)`). Colour only on a terminal, never with NO_COLOR.
# ---------------------------------------------------------------------------------------------
if [[ -t 2 && -z "${NO_COLOR:-}" && "${TERM:-dumb}" != dumb ]]; then
  C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_BOLD=$'\e[1m' C_OFF=$'\e[0m'
else
  C_RED='' C_GREEN='' C_YELLOW='' C_BOLD='' C_OFF=''
fi
PREFIX="lifeline:"

info() { printf '%s %s\n' "$PREFIX" "$*" >&2; }
ok()   { printf '%s %s%s%s\n' "$PREFIX" "$C_GREEN" "$*" "$C_OFF" >&2; }
warn() { printf '%s %swarning:%s %s\n' "$PREFIX" "$C_YELLOW" "$C_OFF" "$*" >&2; }
err()  { printf '%s %serror:%s %s\n' "$PREFIX" "$C_RED" "$C_OFF" "$*" >&2; }
die()  { err "$*"; exit 1; }
# usage_error MESSAGE: wrong arguments (exit 2, as most CLIs do)
usage_error() { err "$*"; info "see: bin/lifeline help"; exit 2; }

# Print the last lines of a log file, indented, to help explain a failure.
show_log_tail() {
  local file="$1" lines="${2:-40}"
  [[ -s "$file" ]] || { info "(log $file is empty)"; return 0; }
  info "last $lines lines of $file:"
  # without colour codes (Maven's), always newline-terminated
  tail -n "$lines" "$file" | sed -e $'s/\e\\[[0-9;]*m//g' | awk '{ print "    " $0 }' >&2
}

# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------
now_ms() { local t="${EPOCHREALTIME/[.,]/}"; echo $(( t / 1000 )); }
# elapsed START_MS -> "1.3s"
elapsed() {
  local ms=$(( $(now_ms) - $1 ))
  printf '%d.%ds' $(( ms / 1000 )) $(( (ms % 1000) / 100 ))
}

# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------
require_cmd() {
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is needed but not installed (Debian: apt-get install -y $(pkg_for "$cmd"))"
  done
}
pkg_for() {
  case "$1" in
    java) echo openjdk-17-jdk-headless ;; mvn) echo maven ;; ss) echo iproute2 ;;
    psql|pg_isready) echo postgresql-client ;; setsid|flock) echo util-linux ;; *) echo "$1" ;;
  esac
}
require_port_number() { # NAME VALUE
  [[ "$2" =~ ^[0-9]+$ ]] && (( $2 > 0 && $2 < 65536 )) || usage_error "$1='$2' is not a TCP port number"
}
require_positive_int() { # WHAT VALUE
  [[ "$2" =~ ^[0-9]+$ ]] && (( $2 > 0 )) || usage_error "$1 must be a positive whole number, got '$2'"
}

# leaf_args USAGE_FN ARGS...: the arguments after a subcommand: -h/--help prints USAGE_FN's text
# and exits 0; anything else is an error (so `kafka start -h` never starts anything).
leaf_args() {
  local usage_fn="$1"
  shift
  case "${1:-}" in
    "") return 0 ;;
    -h|--help) "$usage_fn"; exit 0 ;;
    *) usage_error "unexpected argument '$1'" ;;
  esac
}

ensure_dirs() { mkdir -p "$RUN_DIR" "$LOG_DIR"; }

# One mutating command at a time (two `up`s in two terminals must not race).
take_lock() {
  ensure_dirs
  exec 9>"$RUN_DIR/lock"
  flock -n 9 && return 0
  info "waiting for another bin/lifeline command to finish..."
  flock -w 300 9 || die "another bin/lifeline command still holds $RUN_DIR/lock after 300 s"
}

# ---------------------------------------------------------------------------------------------
# Processes we start. Each is tagged on its command line with -Dlifeline.component=NAME and
# -Dlifeline.state=STATE_DIR, so a pid is only ever believed (or signalled) when it is ours.
# ---------------------------------------------------------------------------------------------
# tag_args NAME: sets TAGS to the two tagging JVM options (an array: paths may hold spaces).
TAGS=()
tag_args() { TAGS=("-Dlifeline.component=$1" "-Dlifeline.state=$STATE_DIR"); }

pid_file() { echo "$RUN_DIR/$1.pid"; }

is_our_process() { # PID COMPONENT (no fork: it runs for every process when a pid file is lost)
  local args=() arg component=0 state=0
  [[ -r "/proc/$1/cmdline" ]] || return 1
  mapfile -d '' -t args <"/proc/$1/cmdline" 2>/dev/null || return 1
  for arg in "${args[@]}"; do
    [[ "$arg" == "-Dlifeline.component=$2" ]] && component=1
    [[ "$arg" == "-Dlifeline.state=$STATE_DIR" ]] && state=1
  done
  (( component && state ))
}

# component_pid NAME: prints the pid of our running process, or fails. Falls back to scanning
# /proc when the pid file is gone, so a lost pid file never leaves an orphan behind.
component_pid() {
  local name="$1" file pid dir
  file="$(pid_file "$name")"
  if [[ -f "$file" ]]; then
    pid="$(<"$file")"
    if [[ "$pid" =~ ^[0-9]+$ ]] && is_our_process "$pid" "$name"; then echo "$pid"; return 0; fi
  fi
  for dir in /proc/[0-9]*; do
    pid="${dir#/proc/}"
    if is_our_process "$pid" "$name"; then echo "$pid" >"$file" 2>/dev/null || true; echo "$pid"; return 0; fi
  done
  rm -f "$file"
  return 1
}

# rotate_log FILE: keep one previous generation (FILE.1) once a log passes 50 MB.
rotate_log() {
  mkdir -p "$(dirname "$1")"
  if [[ -f "$1" ]] && (( $(stat -c %s "$1") > 50 * 1024 * 1024 )); then mv -f "$1" "$1.1"; fi
}

# start_background NAME LOGFILE WORKDIR CMD...: detached from this terminal (own session), stdin
# closed, output appended to LOGFILE; records the pid. Prints the pid.
start_background() {
  local name="$1" log="$2" workdir="$3" pid
  shift 3
  rotate_log "$log"
  printf '\n===== %s: started by bin/lifeline at %s =====\n' "$name" "$(date -Is)" >>"$log"
  # fd 9 is the command lock: the long-running child must not inherit it.
  (exec 9>&-; cd "$workdir" && exec setsid nohup "$@" >>"$log" 2>&1 </dev/null) &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  echo "$pid"
}

# stop_component NAME LABEL: SIGTERM, wait up to STOP_TIMEOUT s, then SIGKILL.
stop_component() {
  local name="$1" label="$2" pid start waited=0
  if ! pid="$(component_pid "$name")"; then
    info "$label not running"
    return 0
  fi
  start="$(now_ms)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && is_our_process "$pid" "$name"; do
    if (( waited >= STOP_TIMEOUT * 10 )); then
      warn "$label (pid $pid) did not stop within ${STOP_TIMEOUT} s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.1
    waited=$(( waited + 1 ))
  done
  rm -f "$(pid_file "$name")"
  ok "$label stopped (pid $pid, $(elapsed "$start"))"
}

# ---------------------------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------------------------
# port_holder PORT: prints "NAME (pid N)" of the process listening on PORT, "" if free.
port_holder() {
  local line users
  line="$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1)" || true
  [[ -n "$line" ]] || return 0
  users="$(grep -o 'users:((.*))' <<<"$line" || true)"
  if [[ "$users" =~ \(\"([^\"]+)\",pid=([0-9]+) ]]; then
    echo "${BASH_REMATCH[1]} (pid ${BASH_REMATCH[2]})"
  else
    echo "another process (run 'ss -ltnp' as root to see which)"
  fi
}
port_holder_pid() {
  local line
  line="$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1)" || true
  [[ "$line" =~ pid=([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
  return 0
}
port_in_use() { [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]; }

# ensure_port_free PORT ENV_VAR LABEL: fail with the holder and the knob to turn.
ensure_port_free() {
  local port="$1" var="$2" label="$3" holder
  port_in_use "$port" || return 0
  holder="$(port_holder "$port")"
  die "cannot start $label: port $port is already in use by ${holder:-another process}. Stop that process, or choose another port: $var=<port> bin/lifeline ..."
}

# ---------------------------------------------------------------------------------------------
# Jars from Maven Central, copied once per pom version
# ---------------------------------------------------------------------------------------------
# fetch_jars LABEL POM DEST: `mvn dependency:copy-dependencies` into DEST unless DEST's stamp
# matches the pom's hash. Copies into a temporary dir first, so DEST is complete or absent.
fetch_jars() {
  local label="$1" pom="$2" dest="$3" hash tmp log start
  hash="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ -f "$dest/.stamp" && "$(<"$dest/.stamp")" == "$hash" ]]; then
    return 0
  fi
  require_cmd mvn
  tmp="$dest.tmp.$$"
  log="$LOG_DIR/maven-$(basename "$(dirname "$pom")").log"
  rm -rf "$tmp"
  info "fetching $label jars from Maven Central into ${dest#"$LIFELINE_ROOT"/} (first run only; ~1 min on a cold ~/.m2)..."
  start="$(now_ms)"
  if ! mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DoutputDirectory="$tmp" >"$log" 2>&1; then
    rm -rf "$tmp"
    show_log_tail "$log" 30
    die "could not fetch the $label jars with Maven (full output: $log). Is Maven Central reachable?"
  fi
  echo "$hash" >"$tmp/.stamp"
  rm -rf "$dest"
  mv "$tmp" "$dest"
  ok "$label jars ready ($(find "$dest" -name '*.jar' | wc -l) jars, $(elapsed "$start"))"
}

# wait_until TIMEOUT_S CHECK_FN [ALIVE_PID]: polls CHECK_FN every 0.1 s; fails early (status 2)
# if ALIVE_PID dies, with status 1 on timeout.
wait_until() {
  local timeout="$1" check="$2" pid="${3:-}" deadline
  deadline=$(( $(now_ms) + timeout * 1000 ))
  while (( $(now_ms) < deadline )); do
    if "$check"; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 2; fi
    sleep 0.1
  done
  return 1
}

# relpath PATH: PATH relative to the repository, for shorter messages.
relpath() { local p="$1"; echo "${p#"$LIFELINE_ROOT"/}"; }

# status_line NAME STATE PID ADDRESS DETAILS: one aligned line per component on stdout.
status_line() {
  local colour="$C_YELLOW"
  [[ "$2" == running ]] && colour="$C_GREEN"
  [[ -t 1 ]] || colour=''
  printf '%-16s %s%-8s%s pid %-8s %-21s %s\n' "$1" "$colour" "$2" "${colour:+$C_OFF}" "$3" "$4" "$5"
}
