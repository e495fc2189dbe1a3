#!/usr/bin/env python3
"""Events accepted while a large import runs (issue 23): uploads a zipped package to
POST /api/v1/imports and, from the same moment until the import has answered, posts event
batches at a fixed rate to POST /api/v1/events; then waits until every accepted event is in the
store. Prints the batch latency percentiles (all batches, and those answered `queued`, i.e. while
the import held the writer), the rate reached, and whether every accepted event was applied.

    bench/events_during_import.py --base URL --token TOKEN --zip PKG.zip --companies C1,C2,...
        [--rate 5000] [--size 500] --count-cmd "sqlite3-or-psql command printing a number"

Run by bench/events-during-import, which prepares the workspace, the zip and the server.
"""
import argparse, json, os, subprocess, sys, threading, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import page_view_batch, percentile


def pct(values, p):
    """The percentile of latencies in seconds, in milliseconds."""
    return percentile(values, p) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--zip", required=True)
    ap.add_argument("--companies", required=True)
    ap.add_argument("--rate", type=int, default=5000, help="events per second")
    ap.add_argument("--size", type=int, default=500, help="events per batch")
    ap.add_argument("--tail", type=float, default=2.0, help="seconds of events after the import answered")
    ap.add_argument("--count-cmd", required=True, help="prints how many events the store holds")
    ap.add_argument("--timeline", action="store_true", help="print latencies per second of sending")
    ap.add_argument("--wait", type=float, default=600.0, help="seconds to wait for the inbox to drain")
    a = ap.parse_args()
    companies = a.companies.split(",")

    def body(k):
        return page_view_batch(k, a.size, companies, "edi")

    results, lock = [], threading.Lock()
    failures = []

    def post(k, payload):
        req = urllib.request.Request(a.base + "/api/v1/events", data=payload, method="POST",
                                     headers={"Authorization": "Bearer " + a.token,
                                              "Content-Type": "application/json"})
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                answer = json.load(r)
            dt = time.perf_counter() - t
            with lock:
                results.append((t, dt, answer.get("accepted", 0), answer.get("queued", 0)))
        except Exception as e:  # a refused or failed batch is a lost batch: counted, printed
            with lock:
                failures.append((k, repr(e)[:200]))

    done = {}

    def upload():
        size = os.path.getsize(a.zip)
        with open(a.zip, "rb") as f:
            req = urllib.request.Request(a.base + "/api/v1/imports?filename=package.zip", data=f, method="POST",
                                         headers={"Authorization": "Bearer " + a.token,
                                                  "Content-Type": "application/zip",
                                                  "Content-Length": str(size)})
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=3600) as r:
                    done["answer"] = json.load(r)
            except urllib.error.HTTPError as e:
                done["answer"] = {"status": e.code, "body": e.read()[:500].decode("utf-8", "replace")}
            done["seconds"] = time.perf_counter() - t
            done["at"] = time.perf_counter()

    interval = a.size / a.rate
    pool = ThreadPoolExecutor(max_workers=32)
    start = time.perf_counter()
    uploader = threading.Thread(target=upload)
    uploader.start()
    k = 0
    while True:
        due = start + k * interval
        now = time.perf_counter()
        if "at" in done and now > done["at"] + a.tail:
            break
        if due > now:
            time.sleep(due - now)
        pool.submit(post, k, body(k))
        k += 1
    pool.shutdown(wait=True)
    uploader.join()
    sent_wall = time.perf_counter() - start

    accepted = sum(r[2] for r in results)
    queued = [r for r in results if r[3] > 0]
    direct = [r for r in results if r[3] == 0]
    print(f"import: {done.get('seconds', float('nan')):.1f} s, answer {json.dumps(done.get('answer'))[:300]}")
    print(f"batches sent: {k} of {a.size} events at {a.rate} events/s scheduled; answered {len(results)}, "
          f"failed {len(failures)}; accepted {accepted} events over {sent_wall:.1f} s "
          f"= {accepted / sent_wall:,.0f} events/s")
    for name, rows in (("all batches", results), ("queued (import running)", queued), ("applied at once", direct)):
        lat = [r[1] for r in rows]
        if lat:
            print(f"{name}: {len(rows)} batches, latency ms p50 {pct(lat, .5):.1f} p95 {pct(lat, .95):.1f} "
                  f"p99 {pct(lat, .99):.1f} max {max(lat) * 1000:.1f}")
    for f in failures[:5]:
        print("failed:", f)
    if a.timeline:
        # Per second of sending: batches, how many were queued, the slowest answer.
        print("timeline (s from start: batches, queued, p50 ms, max ms); the import answered at "
              f"{done.get('at', start) - start:.1f} s")
        for sec in range(int(sent_wall) + 1):
            rows = [r for r in results if sec <= r[0] - start < sec + 1]
            if rows:
                lat = [r[1] for r in rows]
                print(f"  {sec:4d}: {len(rows):3d} {sum(1 for r in rows if r[3] > 0):3d} "
                      f"{pct(lat, .5):8.1f} {max(lat) * 1000:8.1f}")

    # Every accepted event must reach the store: the queued ones when the inbox is applied.
    t0 = time.perf_counter()
    stored = -1
    while time.perf_counter() - t0 < a.wait:
        out = subprocess.run(a.count_cmd, shell=True, capture_output=True, text=True)
        try:
            stored = int(out.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            stored = -1
        if stored >= accepted:
            break
        time.sleep(0.25)
    after_import = time.perf_counter() - done.get("at", t0)
    print(f"events stored: {stored} of {accepted} accepted ({'none lost' if stored == accepted else 'MISMATCH'}); "
          f"all in the store {after_import:.1f} s after the import answered")


if __name__ == "__main__":
    main()
