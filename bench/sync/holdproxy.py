#!/usr/bin/env python3
"""Forwarding HTTP proxy (stdlib only) that keeps the server idle in the middle of every sync session.

Usage: python3 holdproxy.py LISTEN_PORT TARGET_PORT HOLD_SECONDS [BUSY_DIR]
Listens on 127.0.0.1:LISTEN_PORT and forwards every POST (path, query and Host kept, so the RespURI the server
builds still points at the proxy) to 127.0.0.1:TARGET_PORT. The second message of each session (the first request
to a RespURI it has not seen) is held HOLD_SECONDS before it is forwarded: what a phone holding 100,000 contacts
does to the server while it scans them between message 1 and message 2 (bench-b.sh HOLD=s). With BUSY_DIR, the
proxy spends the hold reading and parsing every file in it, over and over, the way that phone's scan keeps the other
CPU and the shared caches busy (bench-b.sh HOLD_BUSY=DIR).
"""
import http.client, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

listen, target, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
busy_dir = sys.argv[4] if len(sys.argv) > 4 else None
seen, lock = set(), threading.Lock()


def hold_for(seconds):
    end = time.monotonic() + seconds
    if not busy_dir:
        time.sleep(seconds)
        return
    items = {}
    while time.monotonic() < end:
        with os.scandir(busy_dir) as entries:
            for e in entries:
                with open(e.path, "rb") as f:
                    items[e.name] = dict(enumerate(f.read().splitlines()))
                if time.monotonic() >= end:
                    break


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if "?" in self.path:
            with lock:
                first = self.path not in seen
                seen.add(self.path)
            if first:
                hold_for(hold)
        c = http.client.HTTPConnection("127.0.0.1", target, timeout=600)
        c.request("POST", self.path, body=body, headers={k: v for k, v in self.headers.items() if k.lower() != "connection"})
        r = c.getresponse()
        reply = r.read()
        self.send_response(r.status, r.reason)
        for k, v in r.getheaders():
            if k.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
        c.close()

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", listen), Proxy).serve_forever()
