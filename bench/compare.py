#!/usr/bin/env python3
"""Compares `portfolj report committee --format json` with the rows of committee.sql.

    compare.py REPORT.json PLAIN.csv

Counts must be equal; fractions (realisation, innovative_share) within 0.0001,
or both null. Prints every difference; exit 0 when the figures are the same,
1 when they differ, 2 when an input cannot be read.
"""
import csv
import json
import sys

STATUSES = ["idé", "förstudie", "beslutad", "pågående", "pausad", "avslutad", "stoppad"]
COUNTS = ["initiatives", "indicators", "measured", "on_track", "completed_in_year",
          "missing_followups"]
FRACTIONS = ["realisation", "innovative_share"]
TOLERANCE = 0.0001


def plain_rows(path):
    """committee.sql's columns, in its order, as the report's JSON shape."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            if not row:
                continue
            if len(row) != 16:
                raise ValueError(f"{path}: expected 16 columns, got {len(row)}: {row}")
            code, ini = row[0], int(row[1])
            by = {s: int(v) for s, v in zip(STATUSES, row[2:9]) if v and int(v)}
            num = lambda s: None if s == "" else float(s)
            out[code] = {
                "initiatives": ini, "by_status": by,
                "indicators": int(row[9]), "measured": int(row[10]), "on_track": int(row[11]),
                "realisation": num(row[12]), "completed_in_year": int(row[13]),
                "innovative_share": num(row[14]), "missing_followups": int(row[15]),
            }
    return out


def main():
    if len(sys.argv) != 3:
        print("usage: compare.py REPORT.json PLAIN.csv", file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            doc = json.load(f)
        report = {c["code"]: c for c in doc["committees"]}
        plain = plain_rows(sys.argv[2])
    except (OSError, ValueError, KeyError, TypeError) as e:
        print(f"compare: {e}", file=sys.stderr)
        return 2

    diffs = []
    for code in sorted(set(report) | set(plain)):
        if code not in report or code not in plain:
            diffs.append(f"{code}: only in {'the report' if code in report else 'plain SQL'}")
            continue
        r, p = report[code], plain[code]
        for k in COUNTS:
            if r.get(k) != p[k]:
                diffs.append(f"{code}.{k}: portfolj {r.get(k)!r}, plain SQL {p[k]!r}")
        rb = {s: n for s, n in (r.get("by_status") or {}).items() if n}
        if rb != p["by_status"]:
            diffs.append(f"{code}.by_status: portfolj {rb}, plain SQL {p['by_status']}")
        for k in FRACTIONS:
            a, b = r.get(k), p[k]
            if (a is None) != (b is None) or (
                    a is not None and abs(float(a) - b) > TOLERANCE + 1e-12):
                diffs.append(f"{code}.{k}: portfolj {a!r}, plain SQL {b!r}")
    for d in diffs:
        print(f"  DIFFERENT {d}", file=sys.stderr)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
