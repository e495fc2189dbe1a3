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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
hook_port=$(free_port)
pid=
hook_pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    [ -n "$hook_pid" ] && kill "$hook_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
# The alert webhook's receiver on loopback (hence --allow-private-webhooks).
python3 scripts/e2e_hook.py "$hook_port" "$work/hooks.log" &
hook_pid=$!
"$bin" serve --demo --db "$work/demo.sqlite" --host 127.0.0.1 --port "$port" --allow-private-webhooks \
    >"$work/out.txt" 2>"$work/err.txt" &
pid=$!
for _ in $(seq 240); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/err.txt" >&2; echo "e2e: the server exited" >&2; exit 1; }
    sleep 0.5
done
password=$(sed -n 's/.*password: //p' "$work/out.txt")
[ -n "$password" ] || { cat "$work/out.txt" "$work/err.txt" >&2; echo "e2e: no demo password printed" >&2; exit 1; }
# An alert delivered, for the Settings page's delivery log and its re-send (issue 22 §3): a webhook
# to the receiver, then the first activity of a decision maker at a target account (the rule
# decision_maker_first) posted as a Segment track call.
token=$("$bin" token create --name e2e-alerts --role admin --db "$work/demo.sqlite" | tail -1)
curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"url\": \"http://127.0.0.1:$hook_port/alerts\", \"kind\": \"generic\"}" "http://127.0.0.1:$port/api/v1/webhooks"
email=$(python3 - "$work/demo.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
row = db.execute("""SELECT c.email FROM contacts c JOIN targets t ON t.company_id = c.company_id AND t.removed_on IS NULL
                    WHERE c.role = 'decision_maker' AND c.email IS NOT NULL AND c.email <> ''
                      AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.contact_id = c.contact_id)
                    ORDER BY c.contact_id LIMIT 1""").fetchone()
print(row[0] if row else "")
PY
)
[ -n "$email" ] || { echo "e2e: the demo has no decision maker without activity to alert on" >&2; exit 1; }
curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"type\": \"track\", \"event\": \"Form Submitted\", \"messageId\": \"e2e-alert-1\", \"userId\": \"e2e-dm\", \"traits\": {\"email\": \"$email\"}}" \
    "http://127.0.0.1:$port/api/v1/events"
for _ in $(seq 60); do [ -s "$work/hooks.log" ] && break; sleep 0.5; done
[ -s "$work/hooks.log" ] || { cat "$work/err.txt" >&2; echo "e2e: no alert reached the webhook for $email" >&2; exit 1; }
export KIZASHI_E2E_HOOK_LOG="$work/hooks.log"
status=0
python3 scripts/e2e_browser.py --base "http://127.0.0.1:$port" --email admin@example.com --password "$password" \
    --out .build/screenshots || status=$?
# The server must stop cleanly on SIGTERM (graceful shutdown).
kill -TERM "$pid"; wait "$pid" || { echo "e2e: the server did not exit cleanly on SIGTERM" >&2; status=1; }
pid=
exit $status
