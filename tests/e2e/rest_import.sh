#!/usr/bin/env bash
# Importing from a REST endpoint through the program: a real HTTP server on
# 127.0.0.1 serves a portfolio as JSON pages that want a bearer token, paged by
# the body's `next` (relative) and by a Link header; then no token, then a
# failing later page: the import exits 3 and the database is unchanged.
. "$(dirname "$0")/common.bash" "$@"
DB=$WORK/r.db

# The portfolio as one JSON document, from a database the sheets went into.
"$PF" --db "$WORK/src.db" import "$CONF"/*.csv "$CONF"/*.tsv >/dev/null || { fail "seed import"; finish; }
"$PF" --db "$WORK/src.db" export -o "$WORK/all.json" || { fail "seed export"; finish; }

cat >"$WORK/server.py" <<'PY'
import json, sys, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
doc = json.load(open(sys.argv[1], encoding="utf-8"))
kinds = [k for k in doc if doc[k]]
def page(i, nxt):
    body = {kinds[i]: doc[kinds[i]]}
    if nxt: body["next"] = nxt
    return json.dumps(body).encode()
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers: self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def do_GET(self):
        auth = self.headers.get("Authorization", "")
        if self.path == "/echo/basic":   # the URL's user:password, decoded, into a value
            import base64
            who = base64.b64decode(auth.split(" ")[-1]).decode() if auth.startswith("Basic ") else ""
            rec = {"indicator_id": "X-1", "period": "2025Q1", "value": who}
            return self.send(200, json.dumps({"measurements": [rec]}).encode())
        if self.headers.get("Authorization") != "Bearer s3cret":
            return self.send(401, b'{"error":"no"}')
        if self.path == "/echo/value":   # a hostile server: the token into a value
            rec = {"indicator_id": "X-1", "period": "2025Q1", "value": auth, "comment": auth}
            return self.send(200, json.dumps({"measurements": [rec]}).encode())
        if self.path == "/echo/500":     # ... and into an error body and a header
            return self.send(500, ("failed for " + auth).encode(), [("X-Echo", auth)])
        parts = self.path.strip("/").split("/")   # body/N, link/N, fail/N
        mode, i = parts[0], int(parts[1])
        last = i == len(kinds) - 1
        if mode == "fail" and i == 2:
            return self.send(500, b"oops")
        if mode == "link":
            hdr = [] if last else [("Link", '<http://127.0.0.1:%d/link/%d>; rel="next"' % (self.server.server_port, i + 1))]
            return self.send(200, page(i, None), hdr)
        return self.send(200, page(i, None if last else "%d" % (i + 1)))
srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(srv.server_port, flush=True)
threading.Timer(120, srv.shutdown).start()   # never outlive the test
srv.serve_forever()
PY
python3 "$WORK/server.py" "$WORK/all.json" >"$WORK/port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
PORT=$(head -n1 "$WORK/port")
BASE=http://127.0.0.1:$PORT

export PORTFOLJ_TOKEN=s3cret
expect_rc 0 "paged by body next" pf import "$BASE/body/0"
pf report committee --period 2025Q3 --format json >"$WORK/body.json"
"$PF" --db "$WORK/src.db" report committee --period 2025Q3 --format json >"$WORK/want.json"
cmp -s "$WORK/body.json" "$WORK/want.json" && ok "same report as the sheets" ||
	fail "paged import gives another committee report"
if grep -q s3cret "$WORK/out" "$WORK/err"; then fail "the token was printed"; else ok "token not printed"; fi

rm -f "$DB"*
expect_rc 0 "paged by Link header" pf import "$BASE/link/0"
pf report quarter --period 2025Q3 --format json >"$WORK/link.json"
"$PF" --db "$WORK/src.db" report quarter --period 2025Q3 --format json >"$WORK/wantq.json"
cmp -s "$WORK/link.json" "$WORK/wantq.json" && ok "Link paging: same quarter report" ||
	fail "Link paging gives another quarter report"

rm -f "$DB"*
pf init >/dev/null
snapshot "$DB" "$WORK/before"
expect_rc 3 "a failing later page" pf import "$BASE/fail/0"
grep -q "/fail/2: error: HTTP 500" "$WORK/err" && ok "names the page and status" ||
	{ fail "500 message"; show_err; }
snapshot "$DB" "$WORK/after"
cmp -s "$WORK/before" "$WORK/after" && ok "nothing written after a failing page" ||
	fail "the database changed after a failed import"

# A server that echoes the token back: it is masked in every message.
for route in value 500; do
	rm -f "$DB"*
	pf init >/dev/null
	run env PORTFOLJ_TOKEN=s3cret "$PF" --db "$DB" import "$BASE/echo/$route"
	[ "$RC" -ne 0 ] && ok "echo/$route rejected" || fail "echo/$route imported"
	if [ $route = value ]; then
		grep -q '"Bearer \*\*\*" is not a number' "$WORK/err" && ok "echo/value: token masked" ||
			{ fail "echo/value: not masked as ***"; show_err; }
	fi
	if grep -q s3cret "$WORK/out" "$WORK/err" "$DB"*; then
		fail "echo/$route: the token was shown or stored"; show_err
	else ok "echo/$route: token nowhere"; fi
	[ "$(sqlite3 "$DB" "SELECT count(*) FROM changes WHERE new LIKE '%s3cret%' OR old LIKE '%s3cret%'")" = 0 ] &&
		[ "$(sqlite3 "$DB" "SELECT count(*) FROM run_sources WHERE source LIKE '%s3cret%'")" = 0 ] &&
		ok "echo/$route: not in the database" || fail "echo/$route: token in the database"
done

# A password in the URL is as secret as the token.
rm -f "$DB"*
run env -u PORTFOLJ_TOKEN "$PF" --db "$DB" import "http://alice:pw9x@127.0.0.1:$PORT/echo/basic"
grep -q '"alice:\*\*\*" is not a number' "$WORK/err" && ! grep -q pw9x "$WORK/out" "$WORK/err" &&
	ok "the URL's password masked" || { fail "the URL's password shown"; show_err; }

unset PORTFOLJ_TOKEN
expect_rc 3 "no token" pf import "$BASE/body/0"
grep -q "401" "$WORK/err" && ok "401 reported" || { fail "401 message"; show_err; }
snapshot "$DB" "$WORK/after2"
cmp -s "$WORK/before" "$WORK/after2" && ok "nothing written without a token" ||
	fail "the database changed after a 401"

# --- the overall deadline: --timeout covers all pages, --page-timeout each one.
# tests/rest_server.py serves /slowpages/K?of=N: N pages of one initiative, 0.3 s each.
python3 "$SRC/tests/rest_server.py" >"$WORK/slow.port" 2>/dev/null &
SLOW=$!
trap 'kill $SERVER $SLOW 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -s "$WORK/slow.port" ] && break; sleep 0.1; done
SLOWURL="http://127.0.0.1:$(head -n1 "$WORK/slow.port")/slowpages/1?of=8"
rm -f "$DB"*
pf init >/dev/null
snapshot "$DB" "$WORK/before-slow"
# Eight pages (2.4 s) each well under its 1 s, together over the whole's 1.5 s.
for opts in "--page-timeout 1 --timeout 1.5" "--timeout 1.5"; do
	start=$(date +%s%N)
	run pf import $opts "$SLOWURL"
	ms=$((($(date +%s%N) - start) / 1000000))
	[ "$RC" -eq 3 ] && ok "$opts: exit 3" || { fail "$opts over eight slow pages: exit $RC"; show_err; }
	grep -q "error: the overall deadline passed: every page of the import was to be read within 1.5 s" "$WORK/err" &&
		grep -q "nothing was written" "$WORK/err" && ok "$opts: says the overall deadline passed" ||
		{ fail "$opts: no deadline message"; show_err; }
	[ "$ms" -lt 2300 ] && ok "$opts: stopped at the deadline (${ms} ms)" || fail "$opts: ran ${ms} ms, past the deadline"
	snapshot "$DB" "$WORK/after-slow"
	same_snapshot "$WORK/before-slow" "$WORK/after-slow" "$opts"
done
# The same pages within a whole that is long enough, and a page timeout alone: all read.
for opts in "--page-timeout 1 --timeout 30" "--page-timeout 1"; do
	rm -f "$DB"*
	run pf import $opts "$SLOWURL"
	[ "$RC" -eq 0 ] && grep -q "initiatives *8 rows: 8 inserted" "$WORK/out" && ok "$opts: all eight pages read" ||
		{ fail "$opts: exit $RC"; show_err; }
done
# A page over its own limit is a timeout of that page, not the deadline.
run pf import --page-timeout 0.1 --timeout 30 "$SLOWURL"
[ "$RC" -eq 3 ] && grep -q "timed out" "$WORK/err" && ! grep -q "overall deadline" "$WORK/err" &&
	ok "--page-timeout limits each page" || { fail "--page-timeout 0.1: exit $RC"; show_err; }
finish
