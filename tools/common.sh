# Helpers shared by the tools/*.sh scripts; sourced, never executed.

CASEYOS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Every fatal error is a single line so it stands out in `npm start` / CI output.
die() {
  echo "caseyos: $*" >&2
  exit 1
}

note() {
  echo "caseyos: $*" >&2
}

# Installs Debian packages when we may (root with apt); anyone else gets one line naming them.
apt_install() {
  if (( EUID != 0 )) || ! command -v apt-get >/dev/null; then
    die "missing $*; install it (e.g. sudo apt-get install -y $*) and run again"
  fi
  note "installing $* with apt-get"
  if [[ -z ${CASEYOS_APT_UPDATED:-} ]]; then
    apt-get update -q >&2 || return 1
    CASEYOS_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

# True when something accepts TCP connections on 127.0.0.1:$1 (bash's /dev/tcp: no ss/lsof needed).
port_busy() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# Exports the URLs of the provisioned services, keeping any the caller already set (so
# DATABASE_URL=... npm start uses that database).
load_service_env() {
  local assignment key
  while read -r _ assignment; do
    key=${assignment%%=*}
    [[ -n ${!key:-} ]] || export "$assignment"
  done < <(bash "$CASEYOS_ROOT/tools/services.sh" env)
}
