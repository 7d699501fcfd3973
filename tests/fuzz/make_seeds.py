#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/NAME/ from the repository's own
test data and a few hand-written edge cases. The written files are committed;
run this again (from anywhere) after changing it or the data it copies:

    python3 tests/fuzz/make_seeds.py

Each corpus directory is emptied first. Seeds are small: libFuzzer mutates
them, so a few kilobytes of each shape reach further than megabytes of one.
"""

import io
import os
import shutil
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = os.path.normpath(os.path.join(TOP, "..", "shared", "conformance"))
CORPUS = os.path.join(HERE, "corpus")


def path(*parts):
    return os.path.join(TOP, *parts)


def read(p):
    with open(p, "rb") as f:
        return f.read()


class Corpus:
    def __init__(self, name):
        self.dir = os.path.join(CORPUS, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)

    def add(self, name, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(os.path.join(self.dir, name), "wb") as f:
            f.write(data)

    def copy(self, src, name=None):
        if os.path.exists(src):
            self.add(name or os.path.basename(src), read(src))


def shared_sheets():
    """The conformance sheets of ../shared (if this checkout has them)."""
    if not os.path.isdir(SHARED):
        return []
    return sorted(os.path.join(SHARED, f) for f in os.listdir(SHARED)
                  if f.endswith((".csv", ".tsv")))


# ---- sheets: csv (the reader), sheet (kinds and records), import (the loader) ----

CSV_EDGES = {
    "empty-line.csv": "\n",
    "bom-semicolon.csv": "\ufeffInitiativ;Period;Bedömning\nKBN-01;2025Q1;grön\n",
    "crlf-comma.csv": "indicator_id,period,value\r\nKBN-01-M1,2025Q2,\"12,5\"\r\n",
    "cr-only.csv": "Period;Rang;Initiativ\r2025Q1;1;KBN-01\r2025Q1;2;RS-01\r",
    "tab.tsv": "Period\tRang\tInitiativ\n2025Q1\t1\tKBN-01\n",
    "quoted-multiline.csv": 'id;titel;namnd;beskrivning\nX-1;"A ""quoted""; title";KBN;"two\nlines"\n',
    "unterminated-quote.csv": 'a;b\n"open;x\n',
    "quote-in-field.csv": 'a;b\nx"y;z\n',
    "blank-rows.csv": ";;\n\nPeriod;Rang;Initiativ\n;;\n2025Q1;1;KBN-01\n",
    "ragged.csv": "Period;Rang;Initiativ\n2025Q1;1\n2025Q1;2;KBN-02;extra;more\n",
    "nbsp-number.csv": "Indikator-ID;Period;Värde\nKBN-01-M1;2025-K1;1\u00a0234,5\nKBN-01-M1;Q2 2025;45%\n",
}


def cp1252_sheet():
    return "Indikator-ID;Period;Värde;Kommentar\nKBN-01-M1;kv3 2025;3,5;Åtgärd – klar\n".encode(
        "cp1252")


CHUNK = 65536  # the CSV reader's and the XLSX reader's read size (importers/read/csv.c, xlsx.c)


def pad_rows(out, upto, eol=b"\r\n"):
    """Appends whole rows so that out is exactly upto bytes long (if it is 3 short or more)."""
    row = b"KBN-01-M1;2025Q1;12,5" + eol
    while upto - len(out) >= len(row) + 3:
        out += row
    rest = upto - len(out)
    if rest >= 3:
        out += b"X" * (rest - len(eol)) + eol
    return out


def chunk_boundaries():
    """A CRLF split across the first chunk boundary, and a quoted field with a line
    break whose UTF-8 letter is split across the second (the reader reads in CHUNKs)."""
    out = bytearray(b"\xef\xbb\xbfIndikator-ID;Period;V\xc3\xa4rde;Kommentar\r\n")
    row = b"KBN-01-M1;2025Q2;1 234,5;ok"
    out = pad_rows(out, CHUNK - 1 - len(row))
    out += row + b"\r\n"
    assert out[CHUNK - 1:CHUNK + 1] == b"\r\n"
    row = b'KBN-01-M1;Q3 2025;7;"two\r\nlines, f'
    out = pad_rows(out, 2 * CHUNK - 1 - len(row))
    out += row + b'\xc3\xb6rst"\r\nKBN-01-M1;2025-K4;3;\r\n'
    assert out[2 * CHUNK - 1:2 * CHUNK + 1] == b"\xc3\xb6"
    return bytes(out)


def cp1252_late():
    """Valid UTF-8 until past the first chunk, then Windows-1252 bytes; CR line ends."""
    out = pad_rows(bytearray(b"Indikator-ID;Period;V\xc3\xa4rde\r"), CHUNK + 100, eol=b"\r")
    return bytes(out) + b"KBN-01-M1;2025Q2;\xe5\x80\x81\r"


def sheet_seeds(c, with_demo):
    for p in shared_sheets():
        c.copy(p)
    for f in sorted(os.listdir(path("tests", "data", "loader"))):
        c.copy(path("tests", "data", "loader", f), "loader-" + f)
    c.copy(path("tests", "data", "xlsx", "libreoffice.csv"))
    c.copy(path("examples", "maps", "stratsys-import-sheet.sample.tsv"))
    if with_demo:
        for f in sorted(os.listdir(path("examples", "demo"))):
            if f.endswith((".csv", ".tsv")):
                c.copy(path("examples", "demo", f), "demo-" + f)
    for name, text in CSV_EDGES.items():
        c.add(name, text)
    c.add("cp1252.csv", cp1252_sheet())
    c.add("nul-byte.csv", b"a;b\nx\x00y;z\n")
    c.add("chunk-boundaries.csv", chunk_boundaries())
    c.add("many-fields.csv", b"Period;Rang;Initiativ\n" + b"x;" * 4100 + b"\n")
    if not with_demo:
        c.add("chunk-cp1252-late.csv", cp1252_late())


def demo_head(name, lines):
    """The first lines of a demo sheet: small, and referring to the demo portfolio."""
    text = read(path("examples", "demo", name)).split(b"\n")
    return b"\n".join(text[:lines]) + b"\n"


def import_seeds(c):
    for f in sorted(os.listdir(path("examples", "demo"))):
        if f.endswith((".csv", ".tsv")):
            c.add("demo-head-" + f, demo_head(f, 4))
    c.add("followup-bad.csv",
          "Initiativ;Period;Bedömning;Fas\nKBN-01;2025-K4;grön;pågående\n"
          "KBN-02;2025Q4;lila;pågående\nKBN-99;Q4 2025;gul;pågående\n")
    c.add("measure-update.csv", "Indikator-ID;Period;Värde\nKBN-01-M1;2025Q3;99,5\n")
    c.add("decision-protocol.csv",
          "Beslut-ID;Organ;Datum;Typ;Initiativ;Protokoll\n"
          "B-X;KBN;2025-12-09;information;KBN-01;KBN 2025-12-09 §§ 151-153\n")
    c.add("roadmap.csv",
          "Färdplan;Version;Verksamhet;Nämnd;Datum;Initiativ;Horisont;Första år\n"
          "HR;2026;HR;RS;2026-01-10;RS-01;år 2;2027\n")
    for p in shared_sheets():
        c.copy(p)


# ---- workbooks: xlsx (the bytes), xlsx_xml (the parts, zipped by the target) ----

XLSX_FIXTURES = ["cell_errors.xlsx", "date1904.xlsx", "libreoffice.xlsx", "portfolio.xlsx",
                 "no_workbook.xlsx", "not_a_zip.xlsx", "truncated.xlsx",
                 "external_entity.xlsx", "billion_laughs.xlsx"]
# Parts the reader never opens: left out of the xlsx_xml seeds to keep them small.
UNREAD = ("[Content_Types].xml", "_rels/.rels", "docProps/")


def parts_form(data):
    """A workbook as the input of fuzz_xlsx_xml: name NUL text NUL ..."""
    out = b""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            if info.filename.startswith(UNREAD):
                continue
            text = z.read(info)
            if b"\0" in text or b"\0" in info.filename.encode():
                continue
            out += info.filename.encode() + b"\0" + text + b"\0"
    return out


MINIMAL_WORKBOOK = [
    ("xl/workbook.xml",
     '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
     '<sheets><sheet name="Mätvärden" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    ("xl/_rels/workbook.xml.rels",
     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
     'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    ("xl/worksheets/sheet1.xml",
     '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
     '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Indikator-ID</t></is></c>'
     '<c r="B1" t="inlineStr"><is><t>Period</t></is></c>'
     '<c r="C1" t="inlineStr"><is><t>Värde</t></is></c></row>'
     '<row r="2"><c r="A2" t="inlineStr"><is><t>KBN-01-M1</t></is></c>'
     '<c r="B2" t="inlineStr"><is><t>2025Q1</t></is></c><c r="C2"><v>12.5</v></c></row>'
     '<row r="4"><c r="C4" t="e"><v>#N/A</v></c><c r="A4" t="b"><v>1</v></c></row>'
     '</sheetData></worksheet>'),
]


def xlsx_seeds(c_bytes, c_parts):
    for f in XLSX_FIXTURES:
        p = path("tests", "data", "xlsx", f)
        if not os.path.exists(p):
            continue
        data = read(p)
        c_bytes.add(f, data)
        try:
            c_parts.add(f.replace(".xlsx", ".parts"), parts_form(data))
        except zipfile.BadZipFile:
            pass
    minimal = b"".join(n.encode() + b"\0" + t.encode() + b"\0" for n, t in MINIMAL_WORKBOOK)
    c_parts.add("minimal-inline.parts", minimal)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for n, t in MINIMAL_WORKBOOK:
            z.writestr(zipfile.ZipInfo(n, (2025, 1, 1, 0, 0, 0)), t)
    c_bytes.add("minimal-stored.xlsx", buf.getvalue())


# ---- JSON: json (no map), json_map (through the maps), map (the maps themselves) ----

JSON_EDGES = {
    "empty-object.json": "{}",
    "bom.json": "\ufeff{\"initiatives\": []}",
    "swedish-keys.json":
        '{"mätvärden": [{"Indikator-ID": "KBN-01-M1", "Period": "2025-K1", "Värde": "12,5"}]}',
    "numbers.json":
        '{"measurements": [{"indicator_id": "A", "period": "2025Q1", "value": 1e300},'
        ' {"indicator_id": "B", "period": "2025Q2", "value": -0.0},'
        ' {"indicator_id": "C", "period": "2025Q3", "value": 12345678901234567890}]}',
    "bad-records.json":
        '{"followups": [1, null, {"initiative": {"x": 1}}, {"initiative": [1]},'
        ' {"initiative": true, "period": 2025, "assessment": "gul"}]}',
    "duplicate-keys.json": '{"initiatives": [{"id": "A", "id": "B"}]}',
    "deep.json": "[" * 70 + "]" * 70,
    "next.json": '{"next": "?page=2", "decisions": []}',
    "top-array.json": '[{"id": "A"}]',
    "string.json": '"initiatives"',
}

KPIDATA_EDGES = {
    "kpidata-fail.json": '{"Success": false, "Message": "not allowed"}',
    "kpidata-edge.json":
        '{"Success": true, "Result": [{"KpiId": "K1", "KpiColumnName": "Utfall",'
        ' "Date": "2025-05-15T10:30:00Z", "Value": 3.5},'
        ' {"KpiId": "K2", "KpiColumnName": "Utfall", "Date": "2025-13-01", "Value": null},'
        ' {"KpiId": 7, "KpiColumnName": "Mål", "Date": "2025-01-01", "Value": 1}]}',
    "openproject-edge.json":
        '{"_embedded": {"elements": [{"identifier": "p1", "name": "P",'
        ' "_links": {"status": {"href": "/api/v3/project_statuses/on_track"}}},'
        ' {"identifier": "p2", "name": "Q", "_links": {"status": {"href": null}}}]},'
        ' "_links": {"nextByOffset": {"href": "/api/v3/projects?offset=2"}}}',
}

MAP_EDGES = {
    "records-array.json":
        '{"records": [{"kind": "initiatives", "records": "/projects",'
        ' "fields": {"id": "/k", "title": {"template": "{/a}-{/b}}}{{"}},'
        ' "fixed": {"committee": "RS"}},'
        ' {"kind": "followups", "records": "/reports", "fields": {"initiative": "/0",'
        ' "period": {"pointer": "/1", "date_to_period": true}, "assessment": "/2"},'
        ' "words": {"assessment": {"ok": "grön", "late": null}}}],'
        ' "next": "/paging/next"}',
    "headings-kind.json": '{"kind": "followups", "headings": {"Projekt": "initiative",'
                          ' "Kvartal": "period", "Status": "assessment", "Skräp": null}}',
    "headings-and-records.json":
        '{"kind": "measurements", "headings": {"Datum": {"field": "period",'
        ' "date_to_period": true}, "Mått": "indicator_id", "Värde": "value"},'
        ' "records": [{"kind": "measurements", "records": "",'
        ' "fields": {"indicator_id": "/i", "period": "/p", "value": "/v"}}]}',
    "where-skip.json":
        '{"kind": "measurements", "records": "/Result",'
        ' "where": {"/A": ["x", 3, null], "/B": true}, "skip_missing": ["/Value", ""],'
        ' "fields": {"indicator_id": {"pointer": "/KpiId", "last_segment": true},'
        ' "period": "/Date", "value": "/Value"}, "$comment": "x"}',
    "pointer-escapes.json": '{"kind": "measurements", "records": "/a~1b/0",'
                            ' "fields": {"indicator_id": "/~0x", "period": "", "value": "/v"}}',
    "misspelt.json": '{"kind": "measurements", "recods": "/x"}',
    "not-object.json": "[]",
}


def json_seeds(c):
    c.copy(path("tests", "data", "json", "portfolio.json"))
    for f in sorted(os.listdir(path("examples", "maps"))):
        if f.endswith(".sample.json"):
            c.copy(path("examples", "maps", f))
    for name, text in JSON_EDGES.items():
        c.add(name, text)


def fuzz_maps(sample):
    """The maps (or with sample, the samples) of tests/fuzz/maps/."""
    d = os.path.join(HERE, "maps")
    return sorted(os.path.join(d, f) for f in os.listdir(d)
                  if f.endswith(".json") and f.endswith(".sample.json") == sample)


def json_map_seeds(c):
    for f in sorted(os.listdir(path("examples", "maps"))):
        if f.endswith(".sample.json"):
            c.copy(path("examples", "maps", f))
    for p in fuzz_maps(sample=True):
        c.copy(p)
    for name, text in KPIDATA_EDGES.items():
        c.add(name, text)
    c.add("empty-object.json", "{}")


def map_seeds(c):
    for f in sorted(os.listdir(path("examples", "maps"))):
        if f.endswith(".json") and not f.endswith(".sample.json"):
            c.copy(path("examples", "maps", f))
    for p in fuzz_maps(sample=False):
        c.copy(p)
    c.add("kpidata-template.json", read(path("examples", "maps", "stratsys-kpidata.json")).replace(
        b'"indicator_id": "/KpiId"', b'"indicator_id": {"template": "{/KpiId}-{/DepartmentId}"}'))
    for name, text in MAP_EDGES.items():
        c.add(name, text)


# ---- values: one string per file ----

VALUES = [
    "2025Q1", "2025-Q1", "2025 Q1", "Q1 2025", "Q1-2025", "2025-K4", "kv3 2025", "KV2-2025",
    " 2025q2 ", "1900Q1", "9999Q4", "2025Q5", "2025Q0", "10000Q1",
    "2025-01-31", "2024-02-29", "2025-02-29", "1900-01-01", "9999-12-31", "2025-5-1",
    "2025-05-15T10:30:00Z", "2025-05-15 10:30",
    "12.5", "12,5", "-3", "1 234,5", "1 234 567.25", "1\u00a0234", "1\u202f234,5", "45%",
    " 45 % ", "1,2,3", "12,5.3", "1e5", "inf", "nan", "0x10", "-", "", " ",
    "99999999999999999999999999999999999999.5",
    "Pågående", "pagaende", "ONGOING", "grön", "gron", "green", "år 1", "ar1", "year 3", "1",
    "fastställande", "omfördelning", "öka", "minska", "x", "ja", "nej",
    "kbn", "KBN", "regionledningen", "Digitaliseringsrådet", "council", "förvaltningen",
    "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOPQ", "1KB",
    "KBN 2025-03-04 § 43", "RS 2024-11-26 §§ 272-305", "KBN 2025-03-04 §43",
    "RS 2024-11-26 §§272–305", "RS 2024-11-26 §§ 305-272", "KBN 2025-03-04 § 0",
    "digitaliseringsrådet 2025-01-01 §§ 2147483646-2147483647",
    "Nämnd", "  Första  år ", "Rapporterad-av", "ÀÉÎÕÜ Æ Ø ß",
    "benefit=40,it_load=2.5", "nytta=0,IT-last=10,Mätbar=1", "benefit=12,5",
]


def values_seeds(c):
    for i, v in enumerate(VALUES):
        c.add("v%03d" % i, v)
    c.add("latin1-invalid", b"\xe5r 1")
    c.add("truncated-utf8", b"Q1 2025\xc3")


def main():
    sheet_seeds(Corpus("csv"), with_demo=False)
    sheet_seeds(Corpus("sheet"), with_demo=True)
    import_seeds(Corpus("import"))
    xlsx_seeds(Corpus("xlsx"), Corpus("xlsx_xml"))
    json_seeds(Corpus("json"))
    json_map_seeds(Corpus("json_map"))
    map_seeds(Corpus("map"))
    values_seeds(Corpus("values"))


if __name__ == "__main__":
    main()
