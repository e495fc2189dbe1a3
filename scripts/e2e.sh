#!/usr/bin/env bash
# End-to-end browser test: starts `kizashi serve --demo` on a loopback port with a throw-away
# workspace, then scripts/e2e_browser.py logs in with headless Chromium and opens every page in
# English and Japanese (failing on any console error or failed request). Screenshots:
# .build/screenshots/. Run by .ci/run; locally it is skipped when chromium is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${KIZASHI_BIN:-.build/debug/kizashi}
if ! command -v chromium >/dev/null; then
    if [ "${CI:-}" = true ]; then echo "e2e: chromium is missing (CI installs it in .ci/run)" >&2; exit 1; fi
    echo "e2e: chromium not installed, skipped"; exit 0
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$bin" serve --demo --db "$work/demo.sqlite" --host 127.0.0.1 --port "$port" >"$work/out.txt" 2>"$work/err.txt" &
pid=$!
for _ in $(seq 240); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/err.txt" >&2; echo "e2e: the server exited" >&2; exit 1; }
    sleep 0.5
done
password=$(sed -n 's/.*password: //p' "$work/out.txt")
[ -n "$password" ] || { cat "$work/out.txt" "$work/err.txt" >&2; echo "e2e: no demo password printed" >&2; exit 1; }
status=0
python3 scripts/e2e_browser.py --base "http://127.0.0.1:$port" --email admin@example.com --password "$password" \
    --out .build/screenshots || status=$?
# The server must stop cleanly on SIGTERM (graceful shutdown).
kill -TERM "$pid"; wait "$pid" || { echo "e2e: the server did not exit cleanly on SIGTERM" >&2; status=1; }
pid=
exit $status
