#!/usr/bin/env bash
# The meeting workbook read by a real xlsx reader (issue 24 §2): `kizashi report --format xlsx`
# on the demo workspace, opened with openpyxl (PyPI): the sheets, frozen headers, number and date
# cells with their formats, and every KPI equal to `kizashi kpi --format json`. When LibreOffice
# is installed it must also convert the workbook to CSV. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$(swift build --show-bin-path)/kizashi
[ -x "$bin" ] || swift build --product kizashi

python3 -m venv "$work/venv" >/dev/null
"$work/venv/bin/pip" install -q openpyxl >/dev/null
"$bin" demo --scale small --seed 7 --as-of 2026-10-31 --out "$work/pkg" >/dev/null
"$bin" import "$work/pkg" --db "$work/w.sqlite" --quiet >/dev/null
"$bin" report --db "$work/w.sqlite" --period 2026Q3 --format xlsx --out "$work/review.xlsx" --lang ja 2>/dev/null
"$bin" kpi --db "$work/w.sqlite" --period 2026Q3 --format json > "$work/kpi.json"
"$work/venv/bin/python" - "$work/review.xlsx" "$work/kpi.json" <<'PY'
import datetime, json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["KPI", "月次推移", "ファネル", "ターゲットアカウント", "施策"], wb.sheetnames
kpis = json.load(open(sys.argv[2]))["kpis"]
ws = wb["KPI"]
assert ws.freeze_panes == "A2", ws.freeze_panes
seen = 0
for row in ws.iter_rows(min_row=2, values_only=False):
    key, value = row[2].value, row[3].value
    expected = kpis[key]
    if expected is None:
        assert value is None, (key, value)
    else:
        assert isinstance(value, (int, float)), (key, value)
        assert abs(value - expected) <= 1e-9 * max(1, abs(expected)), (key, value, expected)
        fmt = row[3].number_format
        assert fmt in ("#,##0", '"¥"#,##0', "0.0%", "#,##0.00"), (key, fmt)
    seen += 1
assert seen == len(kpis), (seen, len(kpis))
acc = wb["ターゲットアカウント"]
dates = [r[8].value for r in acc.iter_rows(min_row=2) if r[8].value is not None]
assert dates and all(isinstance(d, datetime.datetime) for d in dates), dates[:3]
assert acc.column_dimensions["B"].width == 32
print(f"report-xlsx: openpyxl read {seen} KPIs equal to kizashi kpi, {len(dates)} date cells")
PY
if command -v libreoffice >/dev/null 2>&1; then
    # Every sheet to its own CSV (the filter's last token, -1; LibreOffice 7.2+), UTF-8 (76), values
    # as stored rather than as shown where the format allows: LibreOffice must open the file and read
    # the same numbers openpyxl did.
    (cd "$work" && timeout 180 libreoffice --headless \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
        review.xlsx >/dev/null 2>&1) || true
    "$work/venv/bin/python" - "$work" "$work/kpi.json" <<'PY'
import csv, json, os, sys
work = sys.argv[1]
kpis = json.load(open(sys.argv[2]))["kpis"]
names = ["KPI", "月次推移", "ファネル", "ターゲットアカウント", "施策"]
for n in names:
    assert os.path.getsize(os.path.join(work, f"review-{n}.csv")) > 0, f"LibreOffice wrote no CSV for {n}"
rows = list(csv.reader(open(os.path.join(work, "review-KPI.csv"), encoding="utf-8")))
assert rows[0][:4] == ["フェーズ", "指標", "キー", "今期"], rows[0]
assert len(rows) == len(kpis) + 1, (len(rows), len(kpis))
for r in rows[1:]:
    key, text = r[2], r[3]
    expected = kpis[key]
    if expected is None:
        assert text == "", (key, text)
        continue
    value = float(text[:-1]) / 100 if text.endswith("%") else float(text.replace("¥", "").replace(",", ""))
    assert abs(value - expected) <= 1e-9 * max(1, abs(expected)), (key, text, expected)
print(f"report-xlsx: LibreOffice converted all {len(names)} sheets; its {len(rows) - 1} KPIs equal kizashi kpi")
PY
elif [ "${CI:-}" = true ]; then
    echo "report-xlsx: LibreOffice is not installed (.ci/run installs libreoffice-calc-nogui)" >&2
    exit 1
else
    echo "report-xlsx: LibreOffice not installed; conversion not checked"
fi
