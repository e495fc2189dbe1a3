#!/usr/bin/env python3
"""Event ingestion on PostgreSQL, two kizashi builds paired run by run (issue 23: `events`
partitioned by month, migration 17).

    bench/events_pg_ab.py --admin postgres://…/postgres --template kev16 --targets DIR/targets.csv \
        --rounds 3 BIN_A BIN_B[=TEMPLATE_B]

Each run copies the template database (`CREATE DATABASE … TEMPLATE`), times the first command
that opens it (`kizashi token create`: it applies any pending migration, so a template of an
older schema shows the migration's time; `BIN=TEMPLATE` gives a build its own template, say one
already migrated), starts `kizashi serve` on it and runs bench/events.py
(4 clients, 40 batches of 500 page views of the first 200 targets). Runs alternate A, B, A, B….
Prints one line per run: build, open+migrate seconds, events/s, batch latency p50/p95/p99 ms.
"""
import argparse, os, re, socket, subprocess, sys, time, urllib.request, uuid

HERE = os.path.dirname(os.path.abspath(__file__))


def psql(admin, sql):
    subprocess.run(["psql", admin, "-qAtc", sql], check=True, stdout=subprocess.DEVNULL)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_run(build, a, companies):
    binary, _, template = build.partition("=")
    name = "kev_" + uuid.uuid4().hex[:12]
    psql(a.admin, f"CREATE DATABASE {name} TEMPLATE {template or a.template}")
    # The admin URL names the database `postgres`; the run's copy is the same URL with its name.
    url = a.admin.replace("/postgres", "/" + name, 1)
    server = None
    try:
        t = time.perf_counter()
        token = subprocess.run([binary, "token", "create", "--name", "e", "--role", "editor", "--db", url],
                               check=True, capture_output=True, text=True).stdout.strip()
        opened = time.perf_counter() - t
        port = free_port()
        server = subprocess.Popen([binary, "serve", "--db", url, "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except Exception:
                time.sleep(0.1)
        out = subprocess.run([sys.executable, os.path.join(HERE, "events.py"), "--base", f"http://127.0.0.1:{port}",
                              "--token", token, "--companies", ",".join(companies), "--batches", str(a.batches),
                              "--clients", "4"], check=True, capture_output=True, text=True).stdout
        rate = re.search(r"= ([\d,]+) events/s", out).group(1)
        lat = re.search(r"p50 ([\d.]+)\s+p95 ([\d.]+)\s+p99 ([\d.]+)", out).groups()
        return opened, rate, lat
    finally:
        if server:
            server.terminate()
            server.wait()
        psql(a.admin, f"DROP DATABASE IF EXISTS {name}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--admin", required=True)
    ap.add_argument("--template", required=True)
    ap.add_argument("--targets", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batches", type=int, default=40)
    ap.add_argument("builds", nargs="+")
    a = ap.parse_args()
    with open(a.targets) as f:
        companies = [line.split(",")[0] for line in f.read().splitlines()[1:201]]
    for r in range(a.rounds):
        for b in a.builds:
            opened, rate, (p50, p95, p99) = one_run(b, a, companies)
            print(f"round {r + 1} {os.path.basename(b)}: open+migrate {opened:.2f} s, {rate} events/s, "
                  f"batch ms p50 {p50} p95 {p95} p99 {p99}", flush=True)


if __name__ == "__main__":
    main()
