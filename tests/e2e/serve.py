#!/usr/bin/env python3
"""End-to-end checks of `portfolj serve` (FORMATS.md section 6), run by serve.sh:
    serve.py PATH-TO-portfolj CONFORMANCE-DIR
Each server runs on a free loopback port, started and stopped here; its access log is kept."""
import concurrent.futures, http.client, json, os, re, signal, socket, subprocess, sys, tempfile
import time, urllib.parse

PF = os.path.abspath(sys.argv[1])
CONF = sys.argv[2]
WORK = tempfile.mkdtemp(prefix="pf-serve-e2e-")
DB = os.path.join(WORK, "s.db")
ENV = dict(os.environ, PORTFOLJ_LANG="en", NO_COLOR="1")
ENV.pop("PORTFOLJ_DB", None)
fails = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond or not detail else ": " + str(detail)[:300]))
    if not cond:
        fails.append(name)


def pf(*args, stdin=None, db=None):
    return subprocess.run([PF, "--db", db or DB, *args], input=stdin, capture_output=True, text=True,
                          timeout=120, env=ENV)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, *extra, db=None):
        self.port = free_port()
        self.log = os.path.join(WORK, "access-%d.log" % self.port)
        self.proc = subprocess.Popen([PF, "--db", db or DB, "serve", "--listen", "127.0.0.1:%d" % self.port,
                                      *extra], stdout=subprocess.DEVNULL, stderr=open(self.log, "w"), env=ENV)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not start: " + open(self.log).read())

    def req(self, method, path, body=None, token=None, headers=None, ctype=None):
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        data = body
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            data = body.encode()
        if ctype:
            h["Content-Type"] = ctype
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            c.request(method, path, body=data, headers=h)
            r = c.getresponse()
            return r.status, r.read(), dict((k.lower(), v) for k, v in r.getheaders())
        finally:
            c.close()

    def stop(self, sig=signal.SIGTERM):
        self.proc.send_signal(sig)
        return self.proc.wait(timeout=30)


def export():
    return pf("export", "--format", "json").stdout


# ---- the portfolio, users and tokens ----
r = pf("import", *[os.path.join(CONF, f) for f in ("initiatives.tsv", "effekter.csv", "matvarden.csv",
                                                       "uppfoljning.csv", "prioritering.csv", "fardplaner.csv",
                                                       "decisions.csv")])
check("import the conformance portfolio", r.returncode == 0, r.stderr)
USERS = [("admin1", "admin", []), ("samordnare1", "samordnare", ["KBN"]),
         ("pl1", "projektledare", ["P-04"]), ("sekr1", "sekreterare", ["KBN"]),
         ("godk1", "godkännare", ["KBN"]), ("lasare1", "läsare", [])]
PASSWORD = "Very-secret-pw-4711"
for name, role, scopes in USERS:
    args = ["user", "add", name, "--role", role, "--password-stdin"]
    for s in scopes:
        args += ["--scope", s]
    r = pf(*args, stdin=PASSWORD + "\n")
    check("user add %s" % name, r.returncode == 0, r.stderr)
TOK = {}
for name, _, _ in USERS:
    r = pf("token", "add", name, "--label", "e2e")
    TOK[name] = r.stdout.strip()
    check("token add %s: one line, the token alone" % name,
          r.returncode == 0 and re.fullmatch(r"[A-Za-z0-9_-]{43}\n", r.stdout) is not None, r.stdout)
r = pf("user", "add", "x", "--role", "koordinator", "--password-stdin", stdin="abcdefgh\n")
check("an unknown role is a usage error (exit 1)", r.returncode == 1, r.stderr)
r = pf("user", "add", "y", "--role", "samordnare", "--password-stdin", stdin="abcdefgh\n")
check("a coordinator without --scope is refused", r.returncode != 0, r.stderr)
r = pf("user", "add", "z", "--role", "samordnare", "--scope", "NOPE", "--password-stdin", stdin="abcdefgh\n")
check("an unknown committee scope is refused (exit 2)", r.returncode == 2, r.stderr)
r = subprocess.run([PF, "--db", DB, "user", "add", "w", "--role", "admin"], stdin=subprocess.DEVNULL,
                   capture_output=True, text=True, env=ENV)
check("no terminal and no --password-stdin: an error", r.returncode == 1 and "password-stdin" in r.stderr, r.stderr)
r = pf("user", "list")
check("user list names every user", all(n in r.stdout for n, _, _ in USERS) and PASSWORD not in r.stdout)

srv = Server()
try:
    # ---- reports: the CLI's bytes ----
    for kind, args in (("committee", ["--period", "2025Q3"]), ("quarter", ["--period", "2025Q3"]),
                       ("priority", ["--period", "2025Q3"]), ("benefits", ["--period", "2025Q3"]),
                       ("initiative/P-04", ["--period", "2025Q3"])):
        for fmt in ("json", "csv", "md", "html"):
            cli_args = kind.split("/") + args + ["--format", fmt]
            want = pf("--lang", "sv", "report", *cli_args).stdout.encode()
            st, body, _ = srv.req("GET", "/api/v1/reports/%s?period=2025Q3&format=%s" % (kind, fmt),
                                  token=TOK["lasare1"])
            check("report %s --format %s: the CLI's bytes" % (kind, fmt), st == 200 and body == want,
                  (st, body[:200]))
    st, body, _ = srv.req("GET", "/api/v1/reports/committee?period=2025Q3&format=md&lang=en", token=TOK["lasare1"])
    check("report in English: the CLI's --lang en",
          st == 200 and body == pf("--lang", "en", "report", "committee", "--period", "2025Q3", "--format",
                                   "md").stdout.encode())
    st, body, h = srv.req("GET", "/api/v1/reports/committee?period=2025Q3&format=xlsx", token=TOK["lasare1"])
    check("report xlsx is a workbook", st == 200 and body[:2] == b"PK" and "spreadsheet" in h.get("content-type", ""))
    st, _, _ = srv.req("GET", "/api/v1/reports/committee?period=nope", token=TOK["lasare1"])
    check("a bad period: 400", st == 400)
    st, _, _ = srv.req("GET", "/api/v1/reports/nosuch", token=TOK["lasare1"])
    check("an unknown report: 404", st == 404)
    st, _, _ = srv.req("GET", "/api/v1/reports/committee?period=2025Q3")
    check("no credentials: 401", st == 401)
    st, _, _ = srv.req("GET", "/api/v1/reports/committee?period=2025Q3", token="x" * 43)
    check("an unknown token: 401", st == 401)

    # ---- reads ----
    st, body, _ = srv.req("GET", "/api/v1/export", token=TOK["lasare1"])
    check("GET export = the CLI's export", st == 200 and body.decode() == export())
    st, body, h = srv.req("GET", "/api/v1/export?format=csv", token=TOK["lasare1"])
    check("GET export?format=csv is a zip", st == 200 and body[:2] == b"PK")
    st, body, _ = srv.req("GET", "/api/v1/initiatives", token=TOK["lasare1"])
    exp = json.loads(export())
    check("GET initiatives: the export's rows", st == 200 and json.loads(body)["initiatives"] == exp["initiatives"])
    st, body, h = srv.req("GET", "/api/v1/initiatives/P-04", token=TOK["lasare1"])
    check("GET initiatives/P-04 with an ETag", st == 200 and json.loads(body)["committee"] == "KBN" and "etag" in h)
    st, _, _ = srv.req("GET", "/api/v1/initiatives/NOPE", token=TOK["lasare1"])
    check("GET an unknown initiative: 404", st == 404)
    st, body, _ = srv.req("GET", "/api/v1/me", token=TOK["samordnare1"])
    me = json.loads(body)
    check("GET me", st == 200 and me["user"] == "samordnare1" and me["role"] == "coordinator" and me["scopes"] == ["KBN"])

    # ---- the permission matrix: every role x every write ----
    writes = [  # (name, method, path, body, ctype, roles allowed)
        ("PUT KBN follow-up", "PUT", "/api/v1/followups/P-04/2026Q1", {"assessment": "gul", "status": "pausad"},
         None, {"admin1", "samordnare1", "pl1"}),
        ("PUT HSN follow-up", "PUT", "/api/v1/followups/P-01/2026Q1", {"assessment": "gul", "status": "pågående"},
         None, {"admin1"}),
        ("PUT KBN measurement", "PUT", "/api/v1/measurements/E-04-1/2026Q1", {"value": 12.5}, None,
         {"admin1", "samordnare1", "pl1"}),
        ("PUT HSN measurement", "PUT", "/api/v1/measurements/E-01-1/2026Q1", {"value": 5}, None, {"admin1"}),
        ("PATCH KBN initiative", "PATCH", "/api/v1/initiatives/P-04", {"description": "ändrad"}, None,
         {"admin1", "samordnare1"}),
        ("PATCH HSN initiative", "PATCH", "/api/v1/initiatives/P-01", {"description": "ändrad"}, None, {"admin1"}),
        ("PATCH KBN effect", "PATCH", "/api/v1/effects/E-04-1", {"owner": "Ny ägare"}, None, {"admin1", "samordnare1"}),
        ("PATCH HSN effect", "PATCH", "/api/v1/effects/E-01-1", {"owner": "Ny ägare"}, None, {"admin1"}),
        ("POST KBN decision", "POST", "/api/v1/decisions",
         {"body": "KBN", "date": "2026-01-20", "type": "information", "title": "Info"}, None, {"admin1", "sekr1"}),
        ("POST RS decision", "POST", "/api/v1/decisions",
         {"body": "RS", "date": "2026-01-21", "type": "information", "title": "Info"}, None, {"admin1"}),
        ("POST import", "POST", "/api/v1/import",
         "initiativ;period;bedomning\nP-04;2026Q2;grön\n", "text/csv", {"admin1"}),
    ]
    for name, method, path, body, ctype, allowed in writes:
        for user, _, _ in USERS:
            if user == "admin1":
                continue  # last, after every refusal
            before = export()
            st, resp, _ = srv.req(method, path, body, token=TOK[user], ctype=ctype)
            if user in allowed:
                check("%s by %s: 200/201" % (name, user), st in (200, 201), (st, resp))
            else:
                check("%s by %s: 403, nothing written" % (name, user), st == 403 and export() == before, (st, resp))
        st, resp, _ = srv.req(method, path, body, token=TOK["admin1"], ctype=ctype)
        check("%s by admin1: 200/201" % name, st in (200, 201), (st, resp))
    st, body, h = srv.req("POST", "/api/v1/decisions",
                          {"body": "KBN", "date": "2026-02-03", "type": "paus", "initiative": "P-04"}, token=TOK["sekr1"])
    check("POST decision answers 201 with its id", st == 201 and json.loads(body).get("decision_id", "").startswith("KBN-2026-02-03"), body)
    hist = subprocess.run(["sqlite3", DB, "SELECT DISTINCT actor FROM runs WHERE command != 'import' OR actor IS NOT NULL"],
                          capture_output=True, text=True).stdout.split()
    check("the history records the server's users", {"samordnare1", "pl1", "sekr1", "admin1"} <= set(hist), hist)
    st, body, _ = srv.req("GET", "/api/v1/reports/initiative/P-04?period=2026Q1", token=TOK["lasare1"])
    check("a write is seen by the next report read", st == 200 and "2026Q1" in body.decode())

    # ---- 422, 415, 413 ----
    before = export()
    st, body, _ = srv.req("POST", "/api/v1/import", "initiativ;period;bedomning\nP-04;2026Q3;lila\nP-99;2026Q3;grön\n",
                          token=TOK["admin1"], ctype="text/csv")
    errs = json.loads(body).get("errors", []) if st == 422 else []
    check("a bad import: 422 with every error located, nothing written",
          st == 422 and len(errs) == 2 and errs[0]["source"] == "import.csv" and errs[0]["line"] == 2
          and errs[0]["column"] == 3 and all(set(e) >= {"source", "line", "column", "field", "message"} for e in errs)
          and export() == before, body)
    check("the errors never name a temporary path", b"/tmp" not in body and b"portfolj-serve" not in body)
    st, body, _ = srv.req("PUT", "/api/v1/measurements/E-04-1/2026Q1", {"value": "tolv"}, token=TOK["admin1"])
    errs = json.loads(body).get("errors", []) if st == 422 else []
    check("a bad value: 422 naming the field", st == 422 and errs and errs[0]["field"] == "value", body)
    st, _, _ = srv.req("POST", "/api/v1/import", "x", token=TOK["admin1"], ctype="text/plain")
    check("an import of an unknown type: 415", st == 415)
    st, _, _ = srv.req("PUT", "/api/v1/followups/P-04/2026Q1", "assessment=gul", token=TOK["admin1"],
                       ctype="application/x-www-form-urlencoded")
    check("a PUT that is not JSON: 415", st == 415)
    st, _, _ = srv.req("PUT", "/api/v1/followups/P-04/2026Q1", "{nope", token=TOK["admin1"], ctype="application/json")
    check("malformed JSON: 400", st == 400)
    st, _, _ = srv.req("PUT", "/api/v1/followups/P-04/2026Q1", "x" * (2 << 20), token=TOK["admin1"],
                       ctype="application/json")
    check("a body over 1 MiB: 413", st == 413)

    # ---- ETag and If-Match ----
    st, body, h = srv.req("GET", "/api/v1/followups/P-04/2026Q1", token=TOK["samordnare1"])
    etag = h.get("etag")
    check("GET a follow-up with an ETag", st == 200 and etag)
    st, _, h2 = srv.req("PUT", "/api/v1/followups/P-04/2026Q1", {"comment": "först"}, token=TOK["samordnare1"],
                        headers={"If-Match": etag})
    check("PUT with a fresh If-Match: 200 and a new ETag", st == 200 and h2.get("etag") not in (None, etag))
    before = export()
    st, _, _ = srv.req("PUT", "/api/v1/followups/P-04/2026Q1", {"comment": "sen"}, token=TOK["pl1"],
                       headers={"If-Match": etag})
    check("PUT with a stale If-Match: 412, nothing changed", st == 412 and export() == before)
    st, _, _ = srv.req("PATCH", "/api/v1/initiatives/P-04", {"title": "x"}, token=TOK["admin1"],
                       headers={"If-Match": '"stale"'})
    check("PATCH with a stale If-Match: 412", st == 412)
    st, body, _ = srv.req("GET", "/api/v1/followups/P-04/2026Q1", token=TOK["lasare1"])
    row = json.loads(body)
    check("a PUT changes only its members", row["comment"] == "först" and row["assessment"] == "gul" and row["status"] == "pausad", row)

    # ---- sessions, CSRF and Origin ----
    origin = "http://127.0.0.1:%d" % srv.port
    st, _, h = srv.req("POST", "/login", "user=samordnare1&password=wrong", ctype="application/x-www-form-urlencoded")
    check("a wrong password: 401", st == 401)
    st, _, h = srv.req("POST", "/login", urllib.parse.urlencode({"user": "samordnare1", "password": PASSWORD}),
                       ctype="application/x-www-form-urlencoded")
    cookie = h.get("set-cookie", "")
    check("login: 303 and an HttpOnly SameSite=Lax cookie",
          st == 303 and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie, cookie)
    session = cookie.split(";")[0]
    st, body, _ = srv.req("GET", "/api/v1/me", headers={"Cookie": session})
    csrf = json.loads(body).get("csrf") if st == 200 else None
    check("the session reads, and /me gives its CSRF token", st == 200 and csrf)
    put = ("PUT", "/api/v1/followups/P-04/2026Q1", {"comment": "med cookie"})
    st, _, _ = srv.req(*put, headers={"Cookie": session, "Origin": origin})
    check("a cookie write without CSRF: 403", st == 403)
    st, _, _ = srv.req(*put, headers={"Cookie": session, "Origin": "http://evil.example", "X-CSRF-Token": csrf})
    check("a cookie write from another Origin: 403", st == 403)
    st, _, _ = srv.req(*put, headers={"Cookie": session, "X-CSRF-Token": csrf})
    check("a cookie write without Origin: 403", st == 403)
    st, _, _ = srv.req(*put, headers={"Cookie": session, "Origin": origin, "X-CSRF-Token": csrf})
    check("a cookie write with CSRF and Origin: 200", st == 200)
    st, _, _ = srv.req("GET", "/logout", headers={"Cookie": session})
    st, _, _ = srv.req("GET", "/api/v1/me", headers={"Cookie": session})
    check("after logout the session is gone: 401", st == 401)

    # ---- the proxy header counts only with --auth proxy ----
    st, _, _ = srv.req("GET", "/api/v1/me", headers={"X-Remote-User": "admin1"})
    check("X-Remote-User without --auth proxy: ignored (401)", st == 401)

    # ---- the login delay ----
    for i in range(5):
        srv.req("POST", "/login", "user=lasare1&password=nope%d" % i, ctype="application/x-www-form-urlencoded")
    st, _, h = srv.req("POST", "/login", urllib.parse.urlencode({"user": "lasare1", "password": PASSWORD}),
                       ctype="application/x-www-form-urlencoded")
    check("after 5 failed logins: 429 with Retry-After", st == 429 and "retry-after" in h, (st, h))

    # ---- 16 concurrent writers lose nothing ----
    def write(i):
        return srv.req("PUT", "/api/v1/measurements/E-04-2/%dQ%d" % (2030 + i // 4, i % 4 + 1), {"value": i},
                       token=TOK["admin1"])[0]
    with concurrent.futures.ThreadPoolExecutor(16) as ex:
        codes = list(ex.map(write, range(64)))
    got = [m for m in json.loads(export())["measurements"] if m["indicator_id"] == "E-04-2" and m["period"] >= "2030"]
    check("16 concurrent writers: 64 writes acknowledged and all present",
          codes.count(201) == 64 and len(got) == 64, (codes, len(got)))
finally:
    rc = srv.stop()
check("SIGTERM: exit 0", rc == 0, rc)
log = open(srv.log).read()
lines = [l for l in log.splitlines() if re.match(r"\d{4}-\d\d-\d\dT", l)]
check("an access-log line per request: time method path status ms user",
      lines and all(re.fullmatch(r"\S+ [A-Z]+ /\S* \d{3} [\d.]+ms \S+", l) for l in lines),
      [l for l in lines if not re.fullmatch(r"\S+ [A-Z]+ /\S* \d{3} [\d.]+ms \S+", l)][:3])
check("no query in the access log", all("?" not in l for l in lines))
secrets = [PASSWORD] + list(TOK.values()) + [csrf or "none", session.split("=", 1)[-1]]
check("no password, token, cookie or CSRF value in the access log", not any(s in log for s in secrets))
raw = open(DB, "rb").read() + b"".join(open(DB + ext, "rb").read() for ext in ("-wal",) if os.path.exists(DB + ext))
check("no password, token or session id in the database file in clear",
      not any(s.encode() in raw for s in secrets))

# ---- --auth proxy: a known user from loopback; an unknown one refused ----
srv = Server("--auth", "proxy")
try:
    st, body, _ = srv.req("GET", "/api/v1/me", headers={"X-Remote-User": "samordnare1"})
    check("--auth proxy: a known user from loopback", st == 200 and json.loads(body)["user"] == "samordnare1")
    st, _, _ = srv.req("GET", "/api/v1/me", headers={"X-Remote-User": "mallory"})
    check("--auth proxy: an unknown user is refused (401)", st == 401)
finally:
    srv.stop()

# ---- --public: reports without login, nothing else ----
srv = Server("--public")
try:
    st, _, _ = srv.req("GET", "/api/v1/reports/committee?period=2025Q3")
    check("--public: a report without login", st == 200)
    st, _, _ = srv.req("GET", "/api/v1/initiatives")
    check("--public: rows still need a login", st == 401)
    st, _, _ = srv.req("GET", "/api/v1/reports/initiative/P-04")
    check("--public: the initiative report (its history's users) needs a login", st == 401)
finally:
    srv.stop()

# ---- a non-loopback address needs TLS or --insecure-http ----
r = pf("serve", "--listen", "0.0.0.0:%d" % free_port())
check("a non-loopback address without TLS: usage error", r.returncode == 1 and "--insecure-http" in r.stderr, r.stderr)

# ---- SIGKILL during a burst of writes: the database whole, every acknowledged write there ----
srv = Server("--threads", "8")
acked = []
def burst(i):
    try:
        st = srv.req("PUT", "/api/v1/measurements/E-03-1/%dQ%d" % (2100 + i // 4, i % 4 + 1), {"value": i},
                     token=TOK["admin1"])[0]
        if st in (200, 201):
            acked.append(i)
    except Exception:
        pass
with concurrent.futures.ThreadPoolExecutor(16) as ex:
    futs = [ex.submit(burst, i) for i in range(400)]
    time.sleep(0.7)
    srv.proc.kill()
    srv.proc.wait()
    concurrent.futures.wait(futs)
r = pf("check")
check("after SIGKILL: portfolj check passes", r.returncode == 0, r.stderr)
have = {m["period"] for m in json.loads(export())["measurements"] if m["indicator_id"] == "E-03-1"}
check("after SIGKILL: every acknowledged write is there (%d)" % len(acked),
      all("%dQ%d" % (2100 + i // 4, i % 4 + 1) in have for i in acked))

print("%d failed" % len(fails) if fails else "all serve checks pass")
subprocess.run(["rm", "-rf", WORK])
sys.exit(1 if fails else 0)
