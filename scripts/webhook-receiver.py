#!/usr/bin/env python3
"""A webhook receiver for the end-to-end tests: `webhook-receiver.py PORT LOG`.

Listens on 127.0.0.1:PORT and appends one JSON line per POST to LOG: path, headers (lower-case names), body and
the status it answered. A path containing `/fail-first/` answers 500 the first time it is seen and 200 after, so a
test can watch a retry; one containing `/hold-first/` logs its first request at once with status 0 and keeps it
open for 20 seconds, so a test can kill the sender mid-delivery; every other path answers 200.
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2]
seen = set()
lock = threading.Lock()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with lock:
            first = self.path not in seen
            seen.add(self.path)
            status = 200
            if first and "/fail-first/" in self.path:
                status = 500
            elif first and "/hold-first/" in self.path:
                status = 0
            record = {
                "path": self.path,
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
                "status": status,
            }
            with open(LOG, "a", encoding="utf-8") as log:
                log.write(json.dumps(record) + "\n")
        if status == 0:
            time.sleep(20)
            status = 200
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
