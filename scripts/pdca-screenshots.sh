#!/usr/bin/env bash
# Regenerates the screenshots of docs/pdca.md ("A quarter with the demo data", issue 24): builds
# the walkthrough's workspace (the small demo as of 2026-10-31, Q3 targets, three initiatives, a
# review note, the "FY26 H2" holdout experiment), serves it with `kizashi serve --demo` on a
# loopback port, and has scripts/pdca_screenshots.py save Japanese 1280-px PNGs (each ≤ 300 KB)
# under docs/images/pdca/. Needs chromium. Not run by CI: run it by hand when the pages change,
# look at the pictures, and commit them.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${KIZASHI_BIN:-$(swift build --show-bin-path)/kizashi}
[ -x "$bin" ] || swift build --product kizashi
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null ||
    { echo "pdca-screenshots: needs chromium" >&2; exit 1; }
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
db="$work/demo.sqlite"

# The quarter of docs/pdca.md, step by step (what each command said goes to $work/setup.log).
log="$work/setup.log"
step() { "$bin" "$@" --db "$db" >>"$log" 2>&1 || { cat "$log" >&2; echo "pdca-screenshots: failed: $*" >&2; exit 1; }; }
step demo --scale small --seed 42 --as-of 2026-10-31
step target set sql_count 8 --period 2026Q3                                   # Plan
step target set engaged_rate 30% --period 2026Q3
step target set pipeline_created 50000000 --period 2026Q3
step experiment create --name "FY26 H2" --from ICP --holdout 20% --seed 7 --start 2026-07-01
step initiative add --on 2026-07-25 --title "Japan IT Week 出展" --campaign CMP009   # Do
step initiative add --on 2026-08-27 --title "ABM ダイレクトメール発送（ティア1）" --campaign CMP010 --tier 1
step initiative add --on 2026-09-07 --title "インサイドセールス 2 名増員"
step review set --period 2026Q3 \
    --note "パイプライン創出額が目標の 89% で最も遅れた（ボトルネック）。Q4 は展示会・DM の反応から 48 時間以内に架電し、商談化を早める。"
step settings set digest.schedule "mon 09:00"                                  # Check, every week
step settings set digest.webhooks none
step settings set digest.email_to "marketing@example.co.jp"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --demo --db "$db" --host 127.0.0.1 --port "$port" >"$work/out.txt" 2>"$work/err.txt" &
pid=$!
for _ in $(seq 240); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/err.txt" >&2; echo "pdca-screenshots: the server exited" >&2; exit 1; }
    sleep 0.5
done
password=$(sed -n 's/.*password: //p' "$work/out.txt")
[ -n "$password" ] || { cat "$work/out.txt" "$work/err.txt" >&2; echo "pdca-screenshots: no admin password" >&2; exit 1; }
python3 scripts/pdca_screenshots.py --base "http://127.0.0.1:$port" --email admin@example.com \
    --password "$password" --out docs/images/pdca
