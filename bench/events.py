#!/usr/bin/env python3
"""Event ingestion benchmark (issue 4 §Speed): POST /api/v1/events in batches of 500 from
several concurrent clients on loopback; prints accepted events/s and batch latency percentiles.

    bench/events.py --base http://127.0.0.1:8080 --token TOKEN --companies C000001,C000002 [--batches 40] [--clients 4]

Events are page views and form submissions of known companies (context.groupId), so each one
becomes an activity and moves a score: the full path, durable (committed) before each response.
"""
import argparse, json, threading, time, urllib.request, uuid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--companies", required=True)
    ap.add_argument("--batches", type=int, default=40)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--size", type=int, default=500)
    a = ap.parse_args()
    companies = a.companies.split(",")
    latencies, lock, accepted = [], threading.Lock(), [0]

    def batch(k):
        events = []
        for i in range(a.size):
            c = companies[(k * a.size + i) % len(companies)]
            if i % 10 == 0:
                events.append({"type": "track", "event": "Form Submitted", "messageId": str(uuid.uuid4()),
                               "anonymousId": f"bench-{k}-{i}", "context": {"groupId": c}, "properties": {"path": "/demo"}})
            else:
                events.append({"type": "page", "messageId": str(uuid.uuid4()), "anonymousId": f"bench-{k}-{i}",
                               "context": {"groupId": c, "page": {"path": "/pricing"}}})
        return json.dumps({"batch": events}).encode()

    bodies = [batch(k) for k in range(a.batches)]

    def worker(idx):
        for k in range(idx, a.batches, a.clients):
            req = urllib.request.Request(a.base + "/api/v1/events", data=bodies[k], method="POST",
                                         headers={"Authorization": "Bearer " + a.token, "Content-Type": "application/json"})
            t = time.perf_counter()
            with urllib.request.urlopen(req, timeout=120) as r:
                body = json.load(r)
            dt = time.perf_counter() - t
            with lock:
                latencies.append(dt)
                accepted[0] += body["accepted"]

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(a.clients)]
    for t in threads: t.start()
    for t in threads: t.join()
    wall = time.perf_counter() - start
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
    print(f"events accepted: {accepted[0]} in {wall:.2f} s = {accepted[0] / wall:,.0f} events/s "
          f"({a.clients} clients, batches of {a.size})")
    print(f"batch latency ms: p50 {pct(0.5):.1f}  p95 {pct(0.95):.1f}  p99 {pct(0.99):.1f}")


if __name__ == "__main__":
    main()
