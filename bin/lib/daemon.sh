# Sourced by every bin/ script that runs a server in the background (kafka-local, local-cluster,
# hdfs-local, postgres-local, mongo-local), after bin/common.sh: one lifecycle engine, in the manner of Spark's
# sbin/spark-daemon.sh, so pid files, start-up waits, stops and exit codes mean the same everywhere.
#
# Conventions every daemon script keeps (and documents in its --help):
#   exit 0  done; `status`: running
#   exit 1  failure (a clear line on stderr, the log's last lines where they help)
#   exit 2  usage error (one line naming the option and the fix)
#   exit 3  `status`: not running (the LSB init-script code)
# A pid file counts only while its process is still ours: its command line must contain a marker
# (a path or class name unique to that daemon), because pids are reused.

DAEMON_EXIT_NOT_RUNNING=3
DAEMON_PROG="${DAEMON_PROG:-$(basename "$0")}"

daemon_usage_error() {
  echo "$DAEMON_PROG: $*" >&2
  echo "$DAEMON_PROG: see bin/$DAEMON_PROG --help" >&2
  exit 2
}

daemon_fail() {
  echo "$DAEMON_PROG: $*" >&2
  exit 1
}

# daemon_pid PIDFILE MARKER: prints the pid when the process of PIDFILE runs and is ours.
daemon_pid() {
  local file="$1" marker="$2" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" || return 1
  fi
  echo "$pid"
}

# daemon_launch PIDFILE LOGFILE CMD...: starts CMD in its own session (setsid), detached from this
# shell's terminal and pipes, so the caller's Ctrl-C does not reach it and a caller reading our
# output is not held up by it; appends to LOGFILE, writes PIDFILE, sets DAEMON_LAUNCHED_PID.
daemon_launch() {
  local pidfile="$1" logfile="$2"
  shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  DAEMON_LAUNCHED_PID=$!
  echo "$DAEMON_LAUNCHED_PID" >"$pidfile"
}

# daemon_await TIMEOUT_S PID CHECK...: runs CHECK every 0.5 s until it succeeds (return 0), the
# process PID exits (return 3) or TIMEOUT_S passes (return 4).
daemon_await() {
  local timeout_s="$1" pid="$2" waited=0
  shift 2
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || return 3
    [ "$waited" -lt $((timeout_s * 2)) ] || return 4
    sleep 0.5
    waited=$((waited + 1))
  done
  return 0
}

# daemon_stop PIDFILE MARKER TIMEOUT_S [NAME]: SIGTERM to the daemon's process group (its children,
# such as a worker's executors, included), SIGKILL after TIMEOUT_S; removes PIDFILE. Prints what it
# did; returns 0 when it stopped something, 1 when nothing ran.
daemon_stop() {
  local pidfile="$1" marker="$2" timeout_s="$3" name="${4:-$DAEMON_PROG}" pid waited=0
  if ! pid="$(daemon_pid "$pidfile" "$marker")"; then
    rm -f "$pidfile"
    return 1
  fi
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge $((timeout_s * 10)) ]; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      echo "$DAEMON_PROG: stopped $name (pid $pid, killed after ${timeout_s} s)"
      rm -f "$pidfile"
      return 0
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$pidfile"
  echo "$DAEMON_PROG: stopped $name (pid $pid)"
  return 0
}

# daemon_port_in_use PORT: true when something accepts connections on 127.0.0.1:PORT.
daemon_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# daemon_free_port: prints a port on 127.0.0.1 that nothing listens on (for secondary ports a user
# never types, such as a controller's or a DataNode's).
daemon_free_port() {
  local port tries=0
  while [ "$tries" -lt 200 ]; do
    port=$((20000 + RANDOM % 40000))
    daemon_port_in_use "$port" || { echo "$port"; return 0; }
    tries=$((tries + 1))
  done
  return 1
}

# daemon_check_port OPTION VALUE: a usage error unless VALUE is a port number (1-65535).
daemon_check_port() {
  if ! [[ "$2" =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ] || [ "$2" -gt 65535 ]; then
    daemon_usage_error "$1 must be a number between 1 and 65535 (got '$2')"
  fi
}

# daemon_fail_with_log LOGFILE MESSAGE: exits 1 with MESSAGE and the log's last lines.
daemon_fail_with_log() {
  echo "$DAEMON_PROG: $2; last lines of $1:" >&2
  tail -n 20 "$1" >&2 2>/dev/null || true
  exit 1
}

# daemon_parse_args DEFAULT_PORT DEFAULT_DATA ARGS...: the argument convention of a server script
# whose commands are start, stop and status (`start [--port P] [--data DIR]`, `stop|status
# [--data DIR]`; -h/--help calls the script's `usage`). Sets COMMAND, PORT and DATA (created,
# absolute); a usage error exits 2 naming the fix.
daemon_parse_args() {
  local port_given=false
  COMMAND=""
  PORT="$1"
  DATA="$2"
  shift 2
  while [ $# -gt 0 ]; do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      start|stop|status)
        [ -z "$COMMAND" ] || daemon_usage_error "one command only (got '$COMMAND' and '$1')"
        COMMAND="$1" ;;
      --port)
        [ $# -ge 2 ] || daemon_usage_error "--port needs a value, e.g. --port $PORT"
        PORT="$2"; port_given=true; shift ;;
      --port=*) PORT="${1#--port=}"; port_given=true ;;
      --data)
        [ $# -ge 2 ] || daemon_usage_error "--data needs a directory"
        DATA="$2"; shift ;;
      --data=*) DATA="${1#--data=}" ;;
      *) daemon_usage_error "unknown argument '$1'" ;;
    esac
    shift
  done
  [ -n "$COMMAND" ] || daemon_usage_error "give a command: start, stop or status"
  daemon_check_port --port "$PORT"
  if [ "$port_given" = true ] && [ "$COMMAND" != start ]; then
    daemon_usage_error "--port only applies to start (stop and status read it from the data directory)"
  fi
  [ -n "$DATA" ] || daemon_usage_error "--data must not be empty"
  mkdir -p "$DATA" 2>/dev/null || daemon_usage_error "--data $DATA: cannot create the directory"
  DATA="$(cd "$DATA" && pwd)"
}
