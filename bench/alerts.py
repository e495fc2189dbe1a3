#!/usr/bin/env python3
"""Event accepted → webhook delivered (issue 4 §Speed): registers a webhook pointing at a receiver
on loopback, then posts single form submissions of target companies (each with a unique page, so
no cool-down hides one) and times, for each, from the start of its request (an upper bound of
the moment the API accepted it) to the moment the alert for that company reached the receiver. With --load, the same
runs while bench/events.py-style batches are posted by other clients (the issue's "under load").

    bench/alerts.py --base http://127.0.0.1:8080 --token ADMIN_TOKEN --companies C1,C2,… [--probes 40] [--load 4]

Prints p50/p95/p99/max latency and how many alerts did not arrive within 30 s.
"""
import argparse, json, multiprocessing, threading, time, urllib.request, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def post(base, token, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.load(r)


def load(base, token, companies, idx, stop, loaded, ready, batches=240, size=500):
    run = uuid.uuid4().hex[:8]
    bodies = []
    for k in range(batches):
        events = []
        for i in range(size):
            c = companies[(k * size + i) % len(companies)]
            mid = f"load-{run}-{idx}-{k}-{i}"
            if i % 10 == 0:
                events.append({"type": "track", "event": "Form Submitted", "messageId": mid, "anonymousId": mid,
                               "context": {"groupId": c}, "properties": {"path": "/demo"}})
            else:
                events.append({"type": "page", "messageId": mid, "anonymousId": mid,
                               "context": {"groupId": c, "page": {"path": "/pricing"}}})
        bodies.append(json.dumps({"batch": events}).encode())
    ready.wait()
    for body in bodies:
        if stop.is_set():
            break
        req = urllib.request.Request(base + "/api/v1/events", data=body, method="POST",
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as r:
            n = json.load(r)["accepted"]
        with loaded.get_lock():
            loaded.value += n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--companies", required=True)
    ap.add_argument("--probes", type=int, default=40)
    ap.add_argument("--load", type=int, default=0, help="background clients posting batches of 500")
    ap.add_argument("--warmup", type=float, default=5,
                    help="seconds of load before the first probe (the load's own first alerts, one burst for "
                         "every load company, drain first; 0 measures inside that burst)")
    a = ap.parse_args()
    companies = a.companies.split(",")
    probes = companies[: a.probes]
    arrived, lock = {}, threading.Lock()

    class Receiver(BaseHTTPRequestHandler):
        # Keep-alive (HTTP/1.1 with a length), so a sender can reuse its connections.
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            t = time.perf_counter()
            try:
                payload = json.loads(body)
                c, rule = payload.get("company_id"), payload.get("rule")
                with lock:
                    if rule == "high_intent" and c not in arrived:
                        arrived[c] = t
            except ValueError:
                pass
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        # The default listen backlog is 5: more concurrent deliveries than that had their
        # connections dropped and retried by TCP a second later, which timed the receiver.
        request_queue_size = 256
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    post(a.base, a.token, "/api/v1/webhooks", {"url": f"http://127.0.0.1:{server.server_address[1]}/hook", "kind": "generic"})

    # Load in separate processes with their batches built beforehand (one Python process
    # building and posting 500-event batches managed only a few thousand events/s): the same
    # mix as bench/events.py, page views of /pricing and 10 % form submissions, every messageId new.
    stop = multiprocessing.Event()
    loaded = multiprocessing.Value("q", 0)
    ready = multiprocessing.Barrier(a.load + 1) if a.load else None
    others = companies[a.probes:] or companies
    loaders = [multiprocessing.Process(target=load, args=(a.base, a.token, others, i, stop, loaded, ready), daemon=True)
               for i in range(a.load)]
    for t in loaders: t.start()
    if a.load:
        ready.wait()
        time.sleep(a.warmup)
    load_started = time.perf_counter()
    accepted_before = loaded.value

    sent = {}
    started = time.perf_counter()
    for c in probes:
        # From the request's start: the event is accepted somewhere before the response, so this
        # never under-states the latency (timing from the response did, under load, below zero).
        sent[c] = time.perf_counter()
        post(a.base, a.token, "/api/v1/events", {"batch": [{
            "type": "track", "event": "Form Submitted", "messageId": str(uuid.uuid4()), "anonymousId": "probe-" + c,
            "context": {"groupId": c}, "properties": {"path": "/contact?probe=" + uuid.uuid4().hex}}]})
        time.sleep(0.1)
    deadline = time.time() + 30
    while time.time() < deadline:
        with lock:
            if all(c in arrived for c in probes): break
        time.sleep(0.05)
    stop.set()
    wall = time.perf_counter() - load_started
    background = loaded.value - accepted_before
    lat = sorted((arrived[c] - sent[c]) * 1000 for c in probes if c in arrived)
    missing = len(probes) - len(lat)
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] if lat else float("nan")
    print(f"event → webhook ms ({len(lat)} alerts, {a.load} load clients, {background / wall:,.0f} background events/s): "
          f"p50 {pct(0.5):.0f}  p95 {pct(0.95):.0f}  p99 {pct(0.99):.0f}  max {lat[-1] if lat else float('nan'):.0f}; "
          f"{missing} not delivered within 30 s" + (f" (after {a.warmup:g} s of load)" if a.load else ""))
    server.shutdown()


if __name__ == "__main__":
    main()
