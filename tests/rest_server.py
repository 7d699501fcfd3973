#!/usr/bin/env python3
"""HTTP server for tests/test_rest.c: one route per scenario of the REST importer.

Binds 127.0.0.1 on a free port and prints the port as the first line of
standard output. With --tls CERT KEY it serves HTTPS instead. Every request
is counted per path and query, and GET /hits?path=P answers {"hits": N}, so
that a test can check how often the importer retried. The server runs until
it is killed.
"""
import email.utils
import http.server
import json
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse

TOKEN = "s3cret"
SLOW_SECONDS = 2
SLOW_PAGE_SECONDS = 0.3


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format, *args):  # quiet: the test's output is the report
        pass

    def base(self, host="127.0.0.1"):
        scheme = "https" if self.server.tls else "http"
        return "%s://%s:%d" % (scheme, host, self.server.server_address[1])

    def hit(self):
        with self.server.lock:
            n = self.server.hits.get(self.path, 0) + 1
            self.server.hits[self.path] = n
        return n

    def reply(self, status=200, body=None, headers=(), length=True):
        data = body if isinstance(body, bytes) else json.dumps(body or {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if length:
            self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def page(self, next_url=None, headers=()):
        self.reply(200, {"initiatives": [], "next": next_url}, headers)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def reset(self):
        """Closes the connection with a TCP reset instead of an answer."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == "/hits":
            wanted = urllib.parse.parse_qs(query).get("path", [""])[0]
            with self.server.lock:
                n = self.server.hits.get(wanted, 0)
            return self.reply(200, {"hits": n})
        n = self.hit()
        route = ROUTES.get(path) or (slow_pages if path.startswith("/slowpages/") else None)
        if route is None:
            return self.reply(404, {"error": "no such route"})
        route(self, n)


def auth(h, n):
    if h.headers.get("Authorization") == "Bearer " + TOKEN:
        h.reply(200, {"initiatives": [], "next": None})
    else:
        h.reply(401, {"error": "unauthorized"}, [("WWW-Authenticate", "Bearer")])


def busy(status, retry_after):
    def route(h, n):
        if n == 1:
            h.reply(status, {"error": "busy"}, [("Retry-After", retry_after())])
        else:
            h.page()
    return route


def echo_token(h, n):
    # A hostile or careless server putting the token into a link.
    token = h.headers.get("Authorization", "").replace("Bearer ", "")
    h.page("/fail/2?t=" + token)


def reset_once(h, n):
    if n == 1:
        h.reset()
    else:
        h.page()


def slow(h, n):
    time.sleep(SLOW_SECONDS)
    h.page()


def slow_pages(h, n):
    """/slowpages/K?of=N: page K of N, each after SLOW_PAGE_SECONDS, with one initiative."""
    path, _, query = h.path.partition("?")
    k = int(path.rsplit("/", 1)[1])
    of = int(urllib.parse.parse_qs(query).get("of", ["5"])[0])
    time.sleep(SLOW_PAGE_SECONDS)
    rec = {"id": "S-%d" % k, "title": "Slow page %d" % k, "committee": "KBN"}
    nxt = "/slowpages/%d?of=%d" % (k + 1, of) if k < of else None
    h.reply(200, {"initiatives": [rec], "next": nxt})


def headers(h, n):
    h.reply(200, {"ua": h.headers.get("User-Agent"), "accept": h.headers.get("Accept")})


ROUTES = {
    "/paged/1": lambda h, n: h.page("/paged/2"),
    "/paged/2": lambda h, n: h.page(h.base() + "/paged/3"),
    "/paged/3": lambda h, n: h.page(None),
    "/linked/1": lambda h, n: h.page(None, [
        ("Link", "<%s/linked/1>; rel=\"first\"" % h.base()),
        ("Link", "</linked/2> ;  rel=\"next last\" ; title=\"a, b\""),
    ]),
    "/linked/2": lambda h, n: h.page(None, [
        ("Link", "<%s/linked/1>; rel=\"prev first\", <3>; REL=Next" % h.base()),
    ]),
    "/linked/3": lambda h, n: h.page(None, [("Link", "</linked/1>; rel=\"first\"")]),
    "/both/1": lambda h, n: h.page("/paged/3", [("Link", "</linked/1>; rel=\"next\"")]),
    "/auth": auth,
    "/fail/1": lambda h, n: h.page("/fail/2"),
    "/fail/2": lambda h, n: h.reply(500, {"error": "boom"}),
    "/slow": slow,
    "/busy": busy(429, lambda: "1"),
    "/busy503": busy(503, lambda: "1"),
    "/busydate": busy(503, lambda: email.utils.formatdate(time.time() + 1, usegmt=True)),
    "/always429": lambda h, n: h.reply(429, {"error": "busy"}),
    "/reset": reset_once,
    "/bad": lambda h, n: h.reply(200, b'{"initiatives": [{"id": "A-1",'),
    "/redirect": lambda h, n: h.redirect("/paged/1"),
    "/tolinked": lambda h, n: h.redirect("/linked/1"),
    "/redirloop": lambda h, n: h.redirect("/redirloop"),
    "/tofile": lambda h, n: h.redirect("file:///etc/passwd"),
    "/toauth": lambda h, n: h.redirect("/auth"),
    "/tohost": lambda h, n: h.redirect(h.base("localhost") + "/auth"),
    "/nextother": lambda h, n: h.page(h.base("localhost") + "/auth"),
    "/nextfile": lambda h, n: h.page("file:///etc/passwd"),
    "/nexthttp": lambda h, n: h.page("http://127.0.0.1:%d/paged/3" % h.server.server_address[1]),
    "/nextbad": lambda h, n: h.page("http://[::1"),
    "/nextempty": lambda h, n: h.page(""),
    "/rloop/1": lambda h, n: h.page("/torloop"),
    "/torloop": lambda h, n: h.redirect("/rloop/1"),
    "/loop/1": lambda h, n: h.page("/loop/1"),
    "/echotoken": echo_token,
    "/big": lambda h, n: h.reply(200, b" " * 4096),
    "/bignolen": lambda h, n: h.reply(200, b" " * 4096, length=False),
    "/headers": headers,
}


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up (the timeout test) is no news


def main():
    server = Server(("127.0.0.1", 0), Handler)
    server.tls = len(sys.argv) == 4 and sys.argv[1] == "--tls"
    server.hits = {}
    server.lock = threading.Lock()
    if server.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(sys.argv[2], sys.argv[3])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
