#!/usr/bin/env bash
# Issue 22 §2: the API against its own document. Starts `kizashi serve --demo` on loopback with an
# admin token and runs schemathesis (PyPI) with every check and every phase, stateful included.
# Exits non-zero on any failure.
#   bash scripts/api-contract.sh [EXAMPLES_PER_OPERATION] [MAX_SECONDS, 0: no time budget]
# KIZASHI_CONTRACT_SEED fixes schemathesis's seed: CI replays one seed with no time budget, so the
# same cases run each time whatever the machine's speed (a time budget cuts fuzzing at a different
# case on a busy machine);
# longer runs with fresh seeds are done by hand and their findings fixed (docs/usage.md).
# Left out, and why: imports (their bodies are whole files; covered by the upload tests), and the
# operations that would revoke the run's own token or disable its own user midway (every later
# request would get 401).
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-30}
seconds=${2:-600}
bin=$(swift build --show-bin-path)/kizashi
[ -x "$bin" ] || swift build --product kizashi
work=$(mktemp -d)
# schemathesis 4 from PyPI, in a throw-away virtual environment unless one is on PATH already.
st=$(command -v st || true)
if [ -z "$st" ]; then
  python3 -m venv "$work/venv" >/dev/null
  "$work/venv/bin/pip" install --quiet 'schemathesis>=4,<5' >/dev/null
  st="$work/venv/bin/st"
fi
port=${KIZASHI_CONTRACT_PORT:-18790}
"$bin" serve --demo --db "$work/w.sqlite" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 1
done
budget=()
if [ "$seconds" -gt 0 ]; then budget=(--max-time "$seconds"); fi
token=$("$bin" token create --name contract --role admin --db "$work/w.sqlite" | tail -1)
"$st" --config-file scripts/schemathesis.toml run "http://127.0.0.1:$port/api/openapi.yaml" \
  -H "Authorization: Bearer $token" \
  --checks all --phases examples,coverage,fuzzing,stateful \
  -n "$examples" "${budget[@]}" \
  ${KIZASHI_CONTRACT_SEED:+--seed "$KIZASHI_CONTRACT_SEED"} \
  --exclude-path-regex '/imports|/tokens/\{id\}|/users/\{id\}'
