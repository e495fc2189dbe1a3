#!/usr/bin/env python3
"""A webhook receiver for the browser e2e (scripts/e2e.sh): answers every POST with 204 and
appends one line per request to LOG (path and body length), so the e2e can see an alert arrive
and arrive again after a re-send. Loopback only.

    scripts/e2e_hook.py PORT LOG
"""
import http.server
import sys

port, log = int(sys.argv[1]), sys.argv[2]


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = min(int(self.headers.get("Content-Length") or 0), 1 << 20)
        body = self.rfile.read(length)
        with open(log, "a") as f:
            f.write(f"{self.path} {len(body)}\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", port), Hook).serve_forever()
