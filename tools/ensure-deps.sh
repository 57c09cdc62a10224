#!/usr/bin/env bash
# Installs what a fresh clone lacks. Usage: tools/ensure-deps.sh [npm] [browser]
# (no argument = npm; the browser is needed only by the end-to-end tests).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CASEYOS_ROOT"

ensure_npm_deps() {
  command -v node >/dev/null || die "Node.js is missing; install Node.js >= 20.19 and run again"
  # npm writes node_modules/.package-lock.json on every install, so it is older than the
  # lockfile exactly when the lockfile changed since the last install.
  if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
    note "installing npm dependencies (npm ci)"
    npm ci >&2 || die "npm ci failed"
  fi
}

ensure_browser() {
  command -v chromium >/dev/null && return 0
  apt_install chromium || die "could not install chromium with apt-get"
}

(( $# )) || set -- npm
for what in "$@"; do
  case $what in
    npm) ensure_npm_deps ;;
    browser) ensure_browser ;;
    *) echo "usage: $0 [npm] [browser]" >&2; exit 2 ;;
  esac
done
