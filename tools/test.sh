#!/usr/bin/env bash
# `npm test`: provision, then unit tests, build, integration and browser end-to-end tests.
# Every step runs even after a failure; the last line sums them all and the exit status is
# non-zero when anything failed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$CASEYOS_ROOT"

bash tools/ensure-deps.sh npm browser
bash tools/services.sh up
source tools/local-env.sh
load_service_env
export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium)}

RESULTS=$CASEYOS_ROOT/.data/test-results
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
steps=()

# run NAME CMD...: runs a step and records NAME=exit code for the summary; a step named
# NAME may write its counts to $RESULTS/NAME.json.
run() {
  local name=$1 rc=0
  shift
  echo "=== $name" >&2
  "$@" || rc=$?
  steps+=("$name=$rc")
}

# jest_suite NAME CONFIG required|optional [JEST ARGS...]
jest_suite() {
  local name=$1 config=$2 need=$3
  shift 3
  if [[ ! -f $config ]]; then
    [[ $need == optional ]] && return 0
    note "$config is missing"
    steps+=("$name=1")
    return 0
  fi
  # Jest runs CommonJS in a VM where a dependency's import() (e.g. @fastify/cookie loading
  # `cookie`) throws unless Node enables VM modules. --randomize shuffles the tests of each file
  # (a test must not lean on one that ran before it); the summary prints the seed, and
  # `--seed=N` replays that order.
  NODE_OPTIONS="--experimental-vm-modules ${NODE_OPTIONS:-}" \
    run "$name" npx jest -c "$config" --randomize --json --outputFile="$RESULTS/$name.json" "$@"
}

jest_suite api-unit apps/api/jest.config.js required
for config in libs/*/jest.config.js tools/jest.config.js apps/sandbox/jest.config.js apps/dashboard/jest.config.js; do
  dir=$(dirname "$config")
  jest_suite "${dir//\//-}-unit" "$config" optional
done

run build npx nx run-many -t build
# Jest (swc) and Playwright strip types without checking them; the specs are checked here.
run typecheck npx nx run-many -t typecheck
# typescript-eslint, the project and module boundaries, Prettier (eslint.config.mjs).
run lint npm run -s lint

DATABASE_URL=$DATABASE_URL_TEST jest_suite api-int apps/api/jest.int.config.js required --runInBand
# Restarts under load: servers of their own (tools/services.sh with CASEYOS_DATA_DIR), never the shared ones.
jest_suite api-restart apps/api/jest.restart.config.js required --runInBand

if [[ -f apps/dashboard-e2e/playwright.config.ts ]]; then
  # Browser tests start from nothing: a fresh database, and a Redis database of their own, so
  # neither an earlier run nor the integration tests' jobs, counters and schedules leak in.
  e2e_redis=${REDIS_URL%/}/2
  node tools/reset-e2e-state.js "$DATABASE_URL_E2E" "$e2e_redis"
  DATABASE_URL=$DATABASE_URL_E2E REDIS_URL=$e2e_redis PLAYWRIGHT_JSON_OUTPUT_NAME=$RESULTS/dashboard-e2e.json \
    run dashboard-e2e npx playwright test -c apps/dashboard-e2e/playwright.config.ts --reporter=list,json
else
  note "apps/dashboard-e2e/playwright.config.ts is missing"
  steps+=("dashboard-e2e=1")
fi

exec node tools/summarize-tests.js "$RESULTS" "${steps[@]}"
