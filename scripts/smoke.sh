#!/usr/bin/env bash
# End-to-end smoke test of the CLI as a user runs it: demo data → import → kpi → export →
# re-import, checking that the round trip changes no KPI. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$(swift build --show-bin-path)/kizashi
[ -x "$bin" ] || swift build --product kizashi

"$bin" demo --scale small --seed 7 --as-of 2026-10-31 --out "$work/pkg" >/dev/null
"$bin" import "$work/pkg" --db "$work/a.sqlite" --rejected "$work/rejected-a.csv" >/dev/null
"$bin" kpi --db "$work/a.sqlite" --period 2026Q3 --format json > "$work/a.json"
"$bin" export "$work/out" --db "$work/a.sqlite" >/dev/null
"$bin" import "$work/out" --db "$work/b.sqlite" --rejected "$work/rejected-b.csv" >/dev/null
"$bin" kpi --db "$work/b.sqlite" --period 2026Q3 --format json > "$work/b.json"
cmp "$work/a.json" "$work/b.json" || { echo "smoke: KPIs differ after export → import" >&2; diff "$work/a.json" "$work/b.json" | head; exit 1; }
# Re-importing the same package changes nothing.
"$bin" import "$work/pkg" --db "$work/a.sqlite" --rejected "$work/rejected-c.csv" >/dev/null
"$bin" kpi --db "$work/a.sqlite" --period 2026Q3 --format json > "$work/c.json"
cmp "$work/a.json" "$work/c.json" || { echo "smoke: re-import changed the KPIs" >&2; exit 1; }
"$bin" kpi --db "$work/a.sqlite" --period 2026Q3 --lang ja >/dev/null
echo "smoke: CLI round trip OK"
