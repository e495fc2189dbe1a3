"""An open dashboard after a change made by another process (issue 23): a CLI import into the
server's PostgreSQL database reaches the server through the change feed. Listens on the server's
Server-Sent Events (GET /api/v1/stream, as an open dashboard does), runs `kizashi import PACKAGE`
against the same database `--rounds` times, and for each prints how long after the CLI exited
the dashboard was told, and how long `/api/v1/now` then took (the dashboard's refresh).

    python3 bench/feed_change.py --base http://127.0.0.1:PORT --token TOKEN \
        --kizashi BINARY --db postgres://… --package DIR [--rounds 6]

Start `kizashi serve --db postgres://…` first, and make the token with `kizashi token create`.
"""

import argparse, http.client, queue, subprocess, threading, time, urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--kizashi", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--package", required=True)
    ap.add_argument("--rounds", type=int, default=6)
    a = ap.parse_args()
    url = urllib.parse.urlparse(a.base)
    auth = {"Authorization": "Bearer " + a.token}
    told_at = queue.Queue()

    def listen():
        c = http.client.HTTPConnection(url.hostname, url.port)
        c.request("GET", "/api/v1/stream", headers=auth)
        r = c.getresponse()
        while line := r.fp.readline():
            if line.startswith(b"event: change"):
                told_at.put(time.perf_counter())

    def get(path):
        c = http.client.HTTPConnection(url.hostname, url.port)
        t = time.perf_counter()
        c.request("GET", path, headers=auth)
        c.getresponse().read()
        return (time.perf_counter() - t) * 1000

    threading.Thread(target=listen, daemon=True).start()
    time.sleep(1)
    get("/api/v1/now")  # loaded once, as an open dashboard has it
    told, page = [], []
    for _ in range(a.rounds):
        while not told_at.empty():
            told_at.get()
        subprocess.run([a.kizashi, "import", a.package, "--db", a.db, "--quiet"], check=True, capture_output=True)
        exited = time.perf_counter()
        at = told_at.get(timeout=60)
        told.append((at - exited) * 1000)
        page.append(get("/api/v1/now"))
        time.sleep(2)
    print("told, ms after the CLI import exited:", " ".join(f"{x:.0f}" for x in told))
    print("/api/v1/now when told, ms:", " ".join(f"{x:.0f}" for x in page))


if __name__ == "__main__":
    main()
