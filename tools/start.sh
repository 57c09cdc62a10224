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

npx nx run-many -t build --projects=api,dashboard

cat <<EOF

  CaseyOS dashboard:  http://localhost:$port/caseyos
  API docs (Swagger): http://localhost:$port/api/docs
  Operator token:     $ADMIN_TOKEN

EOF

# exec: Ctrl-C goes straight to node, which shuts down gracefully, and its exit code is ours.
exec node dist/api/apps/api/src/main.js
