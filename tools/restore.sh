#!/usr/bin/env bash
# Restores a tools/backup.sh file into DATABASE_URL: tools/restore.sh <file>
# Restore into an empty database (create it first); stop CaseyOS while it runs.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the database to restore into}"
in="${1:?usage: tools/restore.sh <backup file>}"
[[ -r $in ]] || { echo "caseyos: cannot read $in" >&2; exit 1; }

pg_tool() {
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [[ -x $dir/$1 ]] && { echo "$dir/$1"; return; }
  done
  command -v "$1" || { echo "caseyos: $1 not found (install the PostgreSQL 15 client)" >&2; exit 1; }
}

# One transaction: a restore that fails leaves the database as it was.
"$(pg_tool pg_restore)" --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$DATABASE_URL" "$in"
echo "caseyos: restored $in"
