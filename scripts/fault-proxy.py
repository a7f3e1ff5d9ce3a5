#!/usr/bin/env python3
"""A fault-injecting HTTP proxy for the AWS client tests: sits between the client and moto_server.

    python3 scripts/fault-proxy.py UPSTREAM_URL

Listens on a free loopback port and prints it. Requests pass through to UPSTREAM_URL unchanged
(Host header included, so SigV4 still verifies) unless a fault is queued; each request takes the
first queued fault that applies to it:

    POST /__fault__/queue   body: faults, one a line (appends); "FAULT when TEXT" applies only to
                            requests whose X-Amz-Target, body, path or SigV4 scope contains TEXT
                            (e.g. "503 when ModifyListener", "reset when /xray"); a plain FAULT
                            applies to any request
    POST /__fault__/reset   clears the queue and the request count
    GET  /__fault__/count   {"requests": N}  requests seen since the last reset (control calls excluded)
    GET  /__fault__/pending {"faults": N}    queued faults not yet taken

Canned answers stand in for APIs moto does not serve (Pricing, Cost Explorer's forecast):

    POST /__fault__/answer    body: {"target": "AWSPriceListService.GetProducts", "status": 200,
                                     "body": "...", "contains": "optional substring of the request body",
                                     "service": "optional SigV4 signing name, e.g. xray"}
    GET  /__fault__/requests  [{"target", "path", "scope", "signedHeaders", "body", "time", "answered"}] of the
                              requests seen since the last reset (scope: REGION/SERVICE from the SigV4
                              credential; time: seconds since the epoch when the request arrived;
                              answered, once it has: when the answer came back from behind the proxy)

A request whose X-Amz-Target (when "target" is given), signing service (when "service" is given)
and body (when "contains" is given) match an answer gets it instead of going to moto, every time,
until a reset; the first match in the order given wins. An answer's "contentType" sets its
Content-Type (default application/x-amz-json-1.1). Faults apply first: a queued fault
still takes its request. Reset clears answers and the request log too.

Faults: pass, throttle (400 ThrottlingException, JSON), throttle-xml (400 Throttling, query XML),
throttle-after:SECONDS (429 with Retry-After), 503, reset (TCP RST, no response), slow:SECONDS
(waits, then passes), truncate (half the body, then close), malformed-json, malformed-xml.
"""
import http.client
import json
import os
import re
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
LOCK = threading.Lock()
QUEUE = []
COUNT = [0]
ANSWERS = []
SEEN = []
# The request log keeps this many (FAULT_PROXY_LOG_LIMIT for benchmarks that read more).
SEEN_LIMIT = int(os.environ.get("FAULT_PROXY_LOG_LIMIT", "1000"))
SCOPE = re.compile(r"Credential=[^/,]+/\d{8}/([^/,]+)/([^/,]+)/aws4_request")
SIGNED = re.compile(r"SignedHeaders=([^,\s]+)")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _reply(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _control(self, body):
        if self.path == "/__fault__/queue":
            with LOCK:
                QUEUE.extend(line.strip() for line in body.decode().splitlines() if line.strip())
            return self._reply(200, b"{}")
        if self.path == "/__fault__/reset":
            with LOCK:
                QUEUE.clear()
                COUNT[0] = 0
                ANSWERS.clear()
                SEEN.clear()
            return self._reply(200, b"{}")
        if self.path == "/__fault__/answer":
            answer = json.loads(body)
            with LOCK:
                ANSWERS.append(answer)
            return self._reply(200, b"{}")
        if self.path == "/__fault__/requests":
            with LOCK:
                seen = list(SEEN)
            return self._reply(200, json.dumps(seen).encode())
        if self.path == "/__fault__/pending":
            with LOCK:
                pending = len(QUEUE)
            return self._reply(200, ('{"faults": %d}' % pending).encode())
        if self.path == "/__fault__/count":
            with LOCK:
                count = COUNT[0]
            return self._reply(200, ('{"requests": %d}' % count).encode())
        return self._reply(404, b"{}")

    def _forward(self, body):
        connection = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
        connection.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for name, value in self.headers.items():
            if name.lower() not in ("connection", "proxy-connection", "keep-alive"):
                connection.putheader(name, value)
        connection.putheader("Connection", "close")
        connection.endheaders(body)
        response = connection.getresponse()
        data = response.read()
        headers = [(n, v) for n, v in response.getheaders()
                   if n.lower() not in ("content-length", "connection", "transfer-encoding")]
        connection.close()
        return response.status, headers, data

    def _scope(self):
        scope = SCOPE.search(self.headers.get("Authorization") or "")
        return "%s/%s" % scope.groups() if scope else ""

    def _record(self, body):
        signed = SIGNED.search(self.headers.get("Authorization") or "")
        entry = {
            "target": self.headers.get("X-Amz-Target") or "",
            "path": self.path,
            "scope": self._scope(),
            "signedHeaders": signed.group(1) if signed else "",
            "body": body.decode("utf-8", "replace"),
            "time": time.time(),
        }
        with LOCK:
            if len(SEEN) < SEEN_LIMIT:
                SEEN.append(entry)
        return entry

    def _answer(self, body):
        target = self.headers.get("X-Amz-Target") or ""
        service = self._scope().split("/")[-1]
        text = body.decode("utf-8", "replace")
        with LOCK:
            for answer in ANSWERS:
                if ("target" in answer and answer["target"] != target) or ("service" in answer and answer["service"] != service):
                    continue
                if answer.get("contains", "") in text:
                    return answer
        return None

    def _next_fault(self, body):
        """The first queued fault that applies to this request, taken off the queue."""
        haystack = " ".join([self.headers.get("X-Amz-Target") or "", self.path, self._scope(), body.decode("utf-8", "replace")])
        with LOCK:
            for index, line in enumerate(QUEUE):
                fault, _, when = line.partition(" when ")
                if not when or when in haystack:
                    del QUEUE[index]
                    return fault.strip()
        return "pass"

    def _handle(self):
        body = self._body()
        if self.path.startswith("/__fault__/"):
            return self._control(body)
        entry = self._record(body)
        with LOCK:
            COUNT[0] += 1
        fault = self._next_fault(body)
        if fault == "throttle":
            return self._reply(400, b'{"__type":"ThrottlingException","message":"Rate exceeded"}',
                               [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", "ThrottlingException")])
        if fault == "throttle-xml":
            return self._reply(400, b"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                                    b"<Message>Rate exceeded</Message></Error><RequestId>r1</RequestId></ErrorResponse>",
                               [("Content-Type", "text/xml")])
        if fault.startswith("throttle-after:"):
            return self._reply(429, b'{"__type":"TooManyRequestsException","message":"slow down"}',
                               [("Retry-After", fault.split(":", 1)[1])])
        if fault == "503":
            return self._reply(503, b"Service Unavailable", [("Content-Type", "text/plain")])
        if fault == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if fault.startswith("slow:"):
            time.sleep(float(fault.split(":", 1)[1]))
        if fault == "malformed-json":
            return self._reply(200, b'{"clusterArns": ["arn:aws:ecs:us-east-1:1:cluster/a", ',
                               [("Content-Type", "application/x-amz-json-1.1")])
        if fault == "malformed-xml":
            return self._reply(200, b"<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws",
                               [("Content-Type", "text/xml")])
        answer = self._answer(body)
        if answer is not None:
            return self._reply(answer.get("status", 200), answer.get("body", "").encode(),
                               [("Content-Type", answer.get("contentType", "application/x-amz-json-1.1"))])
        status, headers, data = self._forward(body)
        # When the answer came back from behind the proxy: the benchmarks tell AWS's time from the caller's.
        entry["answered"] = time.time()
        if fault == "truncate":
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        return self._reply(status, data, headers)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
