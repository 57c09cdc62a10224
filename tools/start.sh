#!/usr/bin/env bash
# `npm start`: provision, build, then become the API process (ROLE=all unless set).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CASEYOS_ROOT"

bash tools/ensure-deps.sh
bash tools/services.sh up
source tools/local-env.sh
load_service_env

# Checked before the build so a taken port fails in seconds, not after minutes.
port=${PORT:-3000}
! port_busy "$port" || die "port $port is in use by another process; set PORT to a free port"

npx nx run-many -t build --projects=api,dashboard,sandbox

# No provider credentials: run against the local emulator, connected through the real flow.
sandbox_pid=
if [[ -z ${HUBSPOT_CLIENT_ID:-}${HUBSPOT_PRIVATE_APP_TOKEN:-}${GOOGLE_CLIENT_ID:-} && -z ${SANDBOX_URL:-} ]]; then
  sandbox_port=${SANDBOX_PORT:-3900}
  ! port_busy "$sandbox_port" || die "port $sandbox_port (sandbox) is in use by another process; set SANDBOX_PORT to a free port"
  SANDBOX_PORT=$sandbox_port node dist/sandbox/apps/sandbox/src/main.js >"$CASEYOS_ROOT/.data/sandbox.log" 2>&1 &
  sandbox_pid=$!
  trap 'kill "$sandbox_pid" 2>/dev/null; wait "$sandbox_pid" 2>/dev/null' EXIT
  export SANDBOX_URL=http://127.0.0.1:$sandbox_port
  for _ in $(seq 1 100); do
    port_busy "$sandbox_port" && break
    kill -0 "$sandbox_pid" 2>/dev/null || die "the sandbox failed to start; see .data/sandbox.log"
    sleep 0.1
  done
fi

integrations="real HubSpot and Google"
[[ -z ${SANDBOX_URL:-} ]] || integrations="sandbox mode (local emulator at $SANDBOX_URL)"

cat <<EOF

  CaseyOS dashboard:  http://localhost:$port/caseyos
  API docs (Swagger): http://localhost:$port/api/docs
  Operator token:     $ADMIN_TOKEN
  Integrations:       $integrations

EOF

# Ctrl-C reaches node (and the sandbox) as the terminal's foreground group; node shuts down
# gracefully and its exit code is ours. Without a sandbox to stop afterwards, exec.
[[ -n $sandbox_pid ]] || exec node dist/api/apps/api/src/main.js
rc=0
node dist/api/apps/api/src/main.js || rc=$?
exit "$rc"
