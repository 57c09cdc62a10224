# Sourced by tools/start.sh and tools/test.sh. Loads <repo>/.env.local (git-ignored) and
# generates the secrets a fresh clone lacks. The environment always wins over the file;
# a variable counts as set when it is non-empty.

# Secrets generated on first run. Adding one is one more word here.
CASEYOS_GENERATED_VARS=(ADMIN_TOKEN ENCRYPTION_KEY)

CASEYOS_ENV_FILE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.env.local

# KEY=VALUE lines; '#' comments and blank lines ignored, one pair of surrounding quotes
# stripped. Parsed rather than sourced so the file cannot run code.
caseyos_load_env_file() {
  local line key value
  [[ -f $CASEYOS_ENV_FILE ]] || return 0
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line#export }
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    key=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
    [[ -n ${!key:-} ]] || export "$key=$value"
  done <"$CASEYOS_ENV_FILE"
}

caseyos_generate_missing() {
  local key value
  for key in "${CASEYOS_GENERATED_VARS[@]}"; do
    [[ -n ${!key:-} ]] && continue
    value=$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')
    # Created 0600 because it holds secrets; a missing final newline must not glue lines.
    (
      umask 077
      if [[ -s $CASEYOS_ENV_FILE && -n $(tail -c1 "$CASEYOS_ENV_FILE") ]]; then echo >>"$CASEYOS_ENV_FILE"; fi
      echo "$key=$value" >>"$CASEYOS_ENV_FILE"
    )
    chmod 600 "$CASEYOS_ENV_FILE"
    echo "caseyos: generated $key and saved it in $CASEYOS_ENV_FILE" >&2
    export "$key=$value"
  done
}

caseyos_load_env_file
caseyos_generate_missing
