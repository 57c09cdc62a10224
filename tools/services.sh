#!/usr/bin/env bash
# Dev/test Postgres and Redis: Docker Compose when an engine answers, otherwise local server
# binaries under <repo>/.data.  Usage: tools/services.sh up|down [postgres|redis] | status | env
#
# An instance of its own (the restart tests start, stop and remove theirs): CASEYOS_DATA_DIR
# names its data directory, CASEYOS_PG_PORT and CASEYOS_REDIS_PORT its ports, CASEYOS_DATABASES
# the databases to create. Such an instance always runs the local binaries, never Compose.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_PORT=${CASEYOS_PG_PORT:-55432}
REDIS_PORT=${CASEYOS_REDIS_PORT:-56379}
DATA=${CASEYOS_DATA_DIR:-$CASEYOS_ROOT/.data}
PG_DATA=$DATA/postgres
PG_LOG=$DATA/postgres.log
REDIS_DIR=$DATA/redis
REDIS_CONF=$DATA/redis.conf
REDIS_PID=$DATA/redis.pid
REDIS_LOG=$DATA/redis.log
read -r -a DATABASES <<<"${CASEYOS_DATABASES:-caseyos caseyos_test caseyos_e2e caseyos_bench}"
TIMEOUT=60

print_env() {
  local base=postgres://caseyos:caseyos@127.0.0.1:$PG_PORT
  echo "export DATABASE_URL=$base/caseyos"
  echo "export DATABASE_URL_TEST=$base/caseyos_test"
  echo "export DATABASE_URL_E2E=$base/caseyos_e2e"
  echo "export DATABASE_URL_BENCH=$base/caseyos_bench"
  echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
}

# Retries the command until it succeeds or TIMEOUT seconds pass.
wait_for() {
  local i
  for (( i = 0; i < TIMEOUT * 2; i++ )); do
    "$@" && return 0
    sleep 0.5
  done
  return 1
}

# Creates the missing databases through the psql command given as arguments (CREATE
# DATABASE cannot run inside a DO block or function, hence \gexec).
create_databases() {
  "$@" -d postgres -q -v ON_ERROR_STOP=1 >/dev/null <<SQL
SELECT format('CREATE DATABASE %I OWNER caseyos', d)
FROM unnest(string_to_array('${DATABASES[*]}', ' ')) AS d
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)
\gexec
SQL
}

# ---------------------------------------------------------------- docker mode

use_docker() {
  docker info >/dev/null 2>&1 || return 1
  if docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null; then
    COMPOSE=(docker-compose)
  else
    return 1
  fi
}

# Compose interpolates the whole file on every command, so the production-only required
# variables must be set even to start postgres and redis.
compose() {
  source "$CASEYOS_ROOT/tools/local-env.sh"
  POSTGRES_PASSWORD=caseyos "${COMPOSE[@]}" --project-directory "$CASEYOS_ROOT" \
    -f "$CASEYOS_ROOT/docker-compose.yml" "$@"
}

compose_running() {
  [[ -n $(compose ps -q --status running "$1") ]]
}

# docker_up [postgres|redis]: both when no service is named.
docker_up() {
  local services=(${1:-postgres redis})
  compose_running postgres || ! port_busy "$PG_PORT" ||
    die "port $PG_PORT is in use by another process; set CASEYOS_PG_PORT to a free port"
  compose_running redis || ! port_busy "$REDIS_PORT" ||
    die "port $REDIS_PORT is in use by another process; set CASEYOS_REDIS_PORT to a free port"
  compose up -d --wait --wait-timeout "$TIMEOUT" "${services[@]}" >&2 ||
    die "docker compose could not start postgres and redis (see: docker compose logs postgres redis)"
  [[ ${1:-} == redis ]] || create_databases compose exec -T postgres psql -U caseyos
}

docker_down() {
  local services=(${1:-postgres redis})
  compose stop "${services[@]}" >&2
}

docker_status() {
  local svc ok=0
  for svc in postgres redis; do
    if compose_running "$svc"; then echo "$svc: running (docker compose)"; else echo "$svc: stopped (docker compose)"; ok=1; fi
  done
  return $ok
}

# ---------------------------------------------------------------- local mode

find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [[ -x $d/pg_ctl ]] && { PG_BIN=$d; return 0; }
  done
  return 1
}

ensure_binaries() {
  if ! find_pg_bin; then
    apt_install postgresql-15 || apt_install postgresql || die "could not install postgresql with apt-get"
    find_pg_bin || die "postgresql installed but no pg_ctl under /usr/lib/postgresql/*/bin"
  fi
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    apt_install redis-server || die "could not install redis-server with apt-get"
  fi
}

# Postgres refuses to run as root, so root runs it as the postgres OS user. cd / because
# the caller's cwd may be a directory that user cannot enter.
as_pg() {
  if (( EUID == 0 )); then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Fields of postmaster.pid: line 1 pid, line 4 port.
pg_pid() { sed -n 1p "$PG_DATA/postmaster.pid" 2>/dev/null; }
pg_running_port() { sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null; }

# A pid file alone can be stale and its pid reused, so also check the process name. A
# zombie does not count: where PID 1 does not reap, a killed server lingers as one.
pid_is() {
  local stat
  [[ -n $2 && $(cat "/proc/$2/comm" 2>/dev/null) == "$1" ]] || return 1
  stat=$(cat "/proc/$2/stat" 2>/dev/null) || return 1
  [[ ${stat##*) } != Z* ]]
}

pg_running() { pid_is postgres "$(pg_pid)"; }
redis_pid() { cat "$REDIS_PID" 2>/dev/null || true; }
redis_running() { pid_is redis-server "$(redis_pid)"; }

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }
redis_ready() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }
redis_gone() { ! pid_is redis-server "$1"; }

# A clone under e.g. a 0700 mktemp dir is unreachable for the postgres user; execute-only
# permission lets it traverse without being able to list anything.
make_traversable() {
  local d=$1
  while [[ $d != / ]]; do
    if (( !(8#$(stat -c %a "$d") & 1) )); then
      chmod o+x "$d"
      note "added o+x to $d so the postgres user can reach $PG_DATA"
    fi
    d=$(dirname "$d")
  done
}

pg_init() {
  [[ -f $PG_DATA/PG_VERSION ]] && return 0
  if [[ -d $PG_DATA && -n $(ls -A "$PG_DATA") ]]; then
    die "$PG_DATA exists but is not a Postgres data directory; remove it and run again"
  fi
  mkdir -p -m 700 "$PG_DATA"
  local pwfile=$DATA/.pgpass.tmp
  (umask 077 && echo caseyos >"$pwfile")
  if (( EUID == 0 )); then
    id postgres >/dev/null 2>&1 || die "no 'postgres' OS user to run Postgres as; reinstall postgresql-15"
    chown postgres: "$PG_DATA" "$pwfile"
  fi
  note "creating Postgres cluster in $PG_DATA"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U caseyos --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$DATA/initdb.log" 2>&1 ||
    { rm -f "$pwfile"; die "initdb failed; see $DATA/initdb.log"; }
  rm -f "$pwfile"
  # Our settings live in their own file, rewritten on each start so the port can change.
  echo "include_if_exists = 'caseyos.conf'" >>"$PG_DATA/postgresql.conf"
}

pg_start() {
  if (( EUID == 0 )); then make_traversable "$DATA"; fi
  pg_init
  # The socket lives in the data dir (only the server's user may enter it), which is why
  # local connections can be trusted; TCP needs the password.
  printf "listen_addresses = '127.0.0.1'\nport = %s\nunix_socket_directories = '%s'\n" \
    "$PG_PORT" "${PG_DATA//\'/\'\'}" >"$PG_DATA/caseyos.conf"
  # Postgres itself would take a zombie's pid for a live server and refuse to start.
  rm -f "$PG_DATA/postmaster.pid"
  touch "$PG_LOG"
  if (( EUID == 0 )); then
    chown postgres: "$PG_DATA/caseyos.conf" "$PG_LOG"
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$TIMEOUT" start >/dev/null ||
    die "postgres did not start; see $PG_LOG"
}

redis_start() {
  mkdir -p "$REDIS_DIR"
  cat >"$REDIS_CONF" <<CONF
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize yes
dir "$REDIS_DIR"
pidfile "$REDIS_PID"
logfile "$REDIS_LOG"
appendonly yes
CONF
  redis-server "$REDIS_CONF" || die "redis did not start; see $REDIS_LOG"
}

# local_up [postgres|redis]: both when no service is named.
local_up() {
  local only=${1:-}
  ensure_binaries
  mkdir -p "$DATA"

  # Check both ports before starting anything, so a conflict leaves nothing half-started.
  local pg_reuse=0 redis_reuse=0
  [[ $only == redis ]] && pg_reuse=1
  [[ $only == postgres ]] && redis_reuse=1
  if (( pg_reuse )); then
    :
  elif pg_running; then
    [[ $(pg_running_port) == "$PG_PORT" ]] ||
      die "this repo's postgres already runs on port $(pg_running_port); run 'tools/services.sh down' first to change CASEYOS_PG_PORT"
    pg_reuse=1
  elif port_busy "$PG_PORT"; then
    die "port $PG_PORT is in use by another process; set CASEYOS_PG_PORT to a free port"
  fi
  if (( redis_reuse )); then
    :
  elif redis_running; then
    grep -qx "port $REDIS_PORT" "$REDIS_CONF" ||
      die "this repo's redis already runs on another port; run 'tools/services.sh down' first to change CASEYOS_REDIS_PORT"
    redis_reuse=1
  elif port_busy "$REDIS_PORT"; then
    die "port $REDIS_PORT is in use by another process; set CASEYOS_REDIS_PORT to a free port"
  fi

  (( pg_reuse )) || pg_start
  (( redis_reuse )) || redis_start
  if [[ $only != redis ]]; then
    wait_for pg_ready || die "postgres on port $PG_PORT not ready after ${TIMEOUT}s; see $PG_LOG"
    PGPASSWORD=caseyos create_databases "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U caseyos ||
      die "could not create databases ${DATABASES[*]}; see $PG_LOG"
  fi
  if [[ $only != postgres ]]; then
    wait_for redis_ready || die "redis on port $REDIS_PORT not ready after ${TIMEOUT}s; see $REDIS_LOG"
  fi
  [[ -n $only ]] && return 0

  note "postgres 127.0.0.1:$PG_PORT ($( ((pg_reuse)) && echo reused || echo started)), redis 127.0.0.1:$REDIS_PORT ($( ((redis_reuse)) && echo reused || echo started))"
}

# local_down [postgres|redis]: both when no service is named.
local_down() {
  local only=${1:-}
  if [[ $only != redis ]]; then
    if pg_running; then
      find_pg_bin || die "postgres is running but pg_ctl is not installed"
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$TIMEOUT" stop >/dev/null ||
        die "postgres did not stop; see $PG_LOG"
    fi
    echo "postgres: stopped"
  fi
  [[ $only == postgres ]] && return 0
  if redis_running; then
    local pid
    pid=$(redis_pid)
    # SIGTERM makes redis flush the AOF and exit cleanly, whatever port it listens on.
    kill -TERM "$pid"
    wait_for redis_gone "$pid" || die "redis (pid $pid) did not stop"
  fi
  echo "redis: stopped"
}

local_status() {
  local ok=0
  if pg_running; then
    echo "postgres: running on 127.0.0.1:$(pg_running_port) (pid $(pg_pid), data $PG_DATA)"
  else
    echo "postgres: stopped"; ok=1
  fi
  if redis_running; then
    echo "redis: running on 127.0.0.1:$(sed -n 's/^port //p' "$REDIS_CONF") (pid $(redis_pid), data $REDIS_DIR)"
  else
    echo "redis: stopped"; ok=1
  fi
  return $ok
}

# An instance of its own is always local: Compose runs the one shared pair.
compose_mode() {
  [[ -z ${CASEYOS_DATA_DIR:-} ]] && use_docker
}

case ${2:-} in
  '' | postgres | redis) ;;
  *) echo "usage: $0 up|down [postgres|redis] | status | env" >&2; exit 2 ;;
esac
case ${1:-} in
  env) print_env ;;
  up) if compose_mode; then docker_up "${2:-}"; else local_up "${2:-}"; fi ;;
  down) if compose_mode; then docker_down "${2:-}"; else local_down "${2:-}"; fi ;;
  status) if compose_mode; then docker_status; else local_status; fi ;;
  *) echo "usage: $0 up|down [postgres|redis] | status | env" >&2; exit 2 ;;
esac
