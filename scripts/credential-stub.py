#!/usr/bin/env python3
"""A loopback stand-in for the credential endpoints moto does not serve: the IAM Identity Center
portal, the ECS/EKS container credentials endpoint, and STS's unsigned AssumeRoleWithWebIdentity
(moto, checking signatures, fails any unsigned request). Tests give it routes, then point cx at it.

    scripts/credential-stub.py      prints its port (127.0.0.1, chosen by the kernel), then serves

    POST /__stub__/route     {"method": "GET", "path": "/federation/credentials", "status": 200,
                              "body": "...", "contentType": "application/json"}
    GET  /__stub__/requests  [{"method", "path", "headers": {lower-case name: value}, "body"}]
    POST /__stub__/reset     forgets routes and requests

A request matches a route by method and by path without its query; the last route given wins.
Anything unmatched gets 404.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
ROUTES = {}
SEEN = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _reply(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?", 1)[0]
        if path == "/__stub__/route":
            route = json.loads(body)
            with LOCK:
                ROUTES[(route["method"].upper(), route["path"])] = route
            return self._reply(200, b"{}")
        if path == "/__stub__/requests":
            with LOCK:
                seen = list(SEEN)
            return self._reply(200, json.dumps(seen).encode())
        if path == "/__stub__/reset":
            with LOCK:
                ROUTES.clear()
                SEEN.clear()
            return self._reply(200, b"{}")
        with LOCK:
            SEEN.append({
                "method": self.command, "path": self.path,
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
            })
            route = ROUTES.get((self.command, path))
        if route is None:
            return self._reply(404, b'{"message": "no route"}')
        return self._reply(route.get("status", 200), route.get("body", "").encode(),
                           route.get("contentType", "application/json"))

    do_GET = do_POST = do_PUT = _handle


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
