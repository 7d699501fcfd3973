#!/usr/bin/env bash
# The layers of DESIGN.md, checked on the tree (registered in ctest as `layers`):
#   1. only the SQLite driver (src/store/sqlite/) names sqlite3 in code: <sqlite3.h>, sqlite3_*;
#   2. only the driver holds SQL text (string literals that begin a statement);
#   3. each folder includes only itself and folders below it (the order below);
#   4. no include circle between files.
# tests/layers.allow lists, one `RULE PATH` a line, files not yet moved behind the store's
# interface; the check fails on anything else, and on an entry that is no longer needed, so the
# list only shrinks.
# Usage: bash tests/layers.sh [SOURCE-DIR]
set -euo pipefail
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top"
python3 - "$top" <<'PY'
import os, re, sys

top = sys.argv[1]
# Lowest first: a folder may include the public API, itself and any folder before it.
ORDER = [
    "include/portfolj",
    "src/util",
    "src/core",
    "src/store",
    "src/store/sqlite",
    "src/export",
    "importers",          # record.h: what readers give
    "importers/read",
    "importers/map",
    "importers/validate",
    "importers/load",
    "src/report",
    "src/render",
    "src/server",
    "src/cli",
]
RANK = {d: i for i, d in enumerate(ORDER)}
DRIVER = "src/store/sqlite/"
ROOTS = ["include", "src", "."]  # where "x/y.h" is looked for, as the build's include path

def folder(path):
    return os.path.dirname(path)

def files(*dirs):
    for d in dirs:
        for base, subdirs, names in os.walk(d):
            subdirs.sort()
            for n in sorted(names):
                if n.endswith((".c", ".h")):
                    yield os.path.normpath(os.path.join(base, n))

allowed = set()
allow_file = os.path.join("tests", "layers.allow")
if os.path.exists(allow_file):
    for line in open(allow_file):
        line = line.split("#", 1)[0].strip()
        if line:
            rule, path = line.split()
            allowed.add((rule, path))
used = set()
errors = []

def fail(rule, path, msg):
    if (rule, path) in allowed:
        used.add((rule, path))
    else:
        errors.append("%s: %s: %s" % (path, rule, msg))

SQL = re.compile(r'"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|'
                 r'ROLLBACK|SAVEPOINT|RELEASE|WITH|ATTACH|VACUUM|REPLACE)\b[^"]*"')
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)

def strip_comments(text):
    return re.sub(r'/\*.*?\*/|//[^\n]*', lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)

graph = {}
library = list(files("src", "importers", "include"))
for path in library + list(files("tests")):
    text = strip_comments(open(path, encoding="utf-8", errors="replace").read())
    in_driver = path.startswith(DRIVER) or os.path.basename(path).startswith("test_store_sqlite")
    # Message text may name the sqlite3 program (how to recover a damaged file): code may not.
    code = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)
    if not in_driver and re.search(r'\bsqlite3\w*', code):
        fail("sqlite3", path, "names sqlite3 outside " + DRIVER)
    if path in library and not in_driver:
        m = SQL.search(text)
        if m:
            fail("sql", path, "SQL text outside %s: %s" % (DRIVER, m.group(0)[:60]))
    graph[path] = []
    for kind, name in INCLUDE.findall(text):
        if kind == "<":
            continue
        target = None
        for root in [folder(path)] + ROOTS:
            cand = os.path.normpath(os.path.join(root, name))
            if os.path.exists(cand):
                target = cand
                break
        if target is None:
            errors.append("%s: include \"%s\" is not in the tree" % (path, name))
            continue
        graph[path].append(target)
        if path.startswith("tests/"):
            continue
        src, dst = folder(path), folder(target)
        if src == dst:
            continue
        if src not in RANK or dst not in RANK:
            errors.append("%s: %s or %s is not a folder of DESIGN.md's layers" % (path, src, dst))
        elif RANK[dst] > RANK[src]:
            fail("layer", path, "includes %s, from a higher layer" % target)

# Include circles between files (a header including itself through others).
state = {}
def visit(node, stack):
    state[node] = 1
    stack.append(node)
    for nxt in graph.get(node, []):
        if state.get(nxt) == 1:
            errors.append("include circle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]))
        elif not state.get(nxt):
            visit(nxt, stack)
    stack.pop()
    state[node] = 2
for node in sorted(graph):
    if not state.get(node):
        visit(node, [])

for rule, path in sorted(allowed - used):
    errors.append("%s: %s is allowed in tests/layers.allow but no longer needed: remove it"
                  % (path, rule))
for e in errors:
    print(e)
if errors:
    sys.exit(1)
print("layers: ok (%d files; %d not yet behind the store, listed in tests/layers.allow)"
      % (len(graph), len({p for _, p in used})))
PY
