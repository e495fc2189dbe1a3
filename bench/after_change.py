#!/usr/bin/env python3
"""The first dashboard page after a change (issue 23: ≤ 200 ms p95 after an event batch or an
import): posts a batch of events through the API (or, with --import-zip, a package to
/api/v1/imports), then times the first request of each page right after it, `--rounds` times;
prints p50/p95/max per page.

    bench/after_change.py --base http://127.0.0.1:8080 --token EDITOR_TOKEN --cookie 'kizashi_session=…' \\
        --companies C000001,C000002 [--rounds 20] [--size 500]

bench/after-change starts the server and calls this. Events are page views of known companies
(context.groupId), so each batch adds activities and moves scores: every page's numbers change.
"""
import argparse, csv, io, os, sys, time, urllib.request, uuid, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import page_view_batch, percentile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--cookie", required=True)
    ap.add_argument("--companies", required=True)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--size", type=int, default=500)
    ap.add_argument("--pages", default="/,/accounts,/now,/api/v1/kpis")
    # The change of each round: a package (zip) posted to /api/v1/imports instead of an event batch.
    ap.add_argument("--import-zip")
    # With --import-zip: give the package's activities new IDs each round ("r<k>-<id>"), so each
    # import adds rows (without it, the rows are stored already after the first round).
    ap.add_argument("--new-ids", action="store_true")
    # Seconds between the change and the page request (0: at once, the case the target is about).
    ap.add_argument("--delay", type=float, default=0)
    a = ap.parse_args()
    companies = a.companies.split(",")
    pages = a.pages.split(",")

    def batch(k):
        return page_view_batch(k, a.size, companies, "after")

    def request(path, data=None, content_type="application/json"):
        headers = {"Authorization": "Bearer " + a.token} if path.startswith("/api/") or data else {"Cookie": a.cookie}
        if data:
            headers["Content-Type"] = content_type
        req = urllib.request.Request(a.base + path, data=data, method="POST" if data else "GET", headers=headers)
        t = time.perf_counter()
        with urllib.request.urlopen(req, timeout=120) as r:
            r.read()
            # A lost session would be redirected to the login page and time that instead.
            assert r.status in (200, 202) and "/login" not in r.geturl(), (path, r.status, r.geturl())
        return (time.perf_counter() - t) * 1000

    for p in pages:  # warm: the first load after the server starts is not what is measured
        request(p)
    times = {p: [] for p in pages}
    # Each page is the first request after its own batch.
    package = open(a.import_zip, "rb").read() if a.import_zip else None
    imports = []

    # A prefix of this run's own, so a second run over the same workspace adds rows too (with
    # `r<k>-` alone its rounds re-sent the first run's rows: equal rows, not new ones).
    run = uuid.uuid4().hex[:8]

    def renamed(k):
        """The package with every activity ID prefixed by `r<run>-<k>-`."""
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                if os.path.basename(info.filename) == "activities.csv":
                    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
                    for row in rows[1:]:
                        if row:
                            row[0] = f"r{run}-{k}-{row[0]}"
                    text = io.StringIO()
                    csv.writer(text, lineterminator="\n").writerows(rows)
                    data = text.getvalue().encode("utf-8")
                dst.writestr(info.filename, data)
        return out.getvalue()

    for k in range(a.rounds):
        for j, p in enumerate(pages):
            if package:
                body = renamed(k * len(pages) + j) if a.new_ids else package
                imports.append(request("/api/v1/imports?filename=day.zip", body, "application/zip"))
            else:
                request("/api/v1/events", batch(k * len(pages) + j))
            if a.delay:
                time.sleep(a.delay)
            times[p].append(request(p))
    if package:
        print(f"imports: p50 {percentile(imports, 0.5):.0f} ms, max {max(imports):.0f} ms ({len(imports)})")
    change = f"an import of {os.path.basename(a.import_zip)}{' (new IDs)' if a.new_ids else ''}" if package else f"a batch of {a.size} events"
    print(f"| first request after {change} | p50 ms | p95 ms | max ms | rounds |")
    print("|---|---|---|---|---|")
    for p in pages:
        v = times[p]
        print(f"| `{p}` | {percentile(v, 0.5):.1f} | {percentile(v, 0.95):.1f} | {max(v):.1f} | {a.rounds} |")
    if os.environ.get("AFTER_RAW"):  # every round's time, in order, per page
        for p in pages:
            print(p, " ".join(f"{t:.0f}" for t in times[p]))


if __name__ == "__main__":
    main()
