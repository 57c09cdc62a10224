#!/usr/bin/env bash
# Backs up the CaseyOS database: tools/backup.sh [file]  (default backups/caseyos-<UTC time>.dump)
# Uses DATABASE_URL; a custom-format pg_dump (compressed, restorable table by table with pg_restore).
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL (eval \"\$(bash tools/services.sh env)\" for the local services)}"
out="${1:-backups/caseyos-$(date -u +%Y%m%dT%H%M%SZ).dump}"

# The PostgreSQL 15 client tools tools/services.sh runs the server with, else whatever is on PATH.
pg_tool() {
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [[ -x $dir/$1 ]] && { echo "$dir/$1"; return; }
  done
  command -v "$1" || { echo "caseyos: $1 not found (install the PostgreSQL 15 client)" >&2; exit 1; }
}

mkdir -p "$(dirname "$out")"
"$(pg_tool pg_dump)" --format=custom --no-owner --no-privileges --file="$out" "$DATABASE_URL"
echo "caseyos: backed up to $out"
