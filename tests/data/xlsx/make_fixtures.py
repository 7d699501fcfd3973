#!/usr/bin/env python3
"""Writes the XLSX fixtures of tests/test_xlsx.c without portfolj's code.

Python's standard library only: zipfile and XML written by hand, so that the
reader is tested against files it did not make. Run from anywhere:

    python3 tests/data/xlsx/make_fixtures.py

libreoffice.xlsx is converted from libreoffice.csv by LibreOffice when
`soffice` is installed (else the committed file is kept).

The big hostile archives (a 300 MiB zip bomb, a sheet with a 1 MiB cell) are
not here: tests/test_xlsx.c makes them at run time in a temporary directory.
"""

import os
import shutil
import subprocess
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_SHEET = NS_REL + "/worksheet"
REL_STYLES = NS_REL + "/styles"
REL_SST = NS_REL + "/sharedStrings"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Fixed timestamps keep the committed files identical between runs.
DATE = (2025, 1, 1, 0, 0, 0)


def write_zip(name, parts):
    """parts: list of (entry name, text or bytes)."""
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for entry, data in parts:
            info = zipfile.ZipInfo(entry, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def content_types(nsheets, sst=True, styles=True):
    over = "".join(
        '<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1)
        for i in range(nsheets))
    if sst:
        over += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    if styles:
        over += ('<Override PartName="/xl/styles.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>')
    return (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + over + '</Types>')


ROOT_RELS = (DECL + '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument"'
             ' Target="xl/workbook.xml"/></Relationships>' % (NS_PKG_REL, NS_REL))


def workbook(sheets, date1904=False):
    """sheets: list of (name, rId)."""
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>'
    s = "".join('<sheet name="%s" sheetId="%d" r:id="%s"/>' % (n, i + 1, rid)
                for i, (n, rid) in enumerate(sheets))
    return (DECL + '<workbook xmlns="%s" xmlns:r="%s">%s<sheets>%s</sheets></workbook>'
            % (NS_MAIN, NS_REL, pr, s))


def rels(items):
    """items: list of (rId, type, target)."""
    r = "".join('<Relationship Id="%s" Type="%s" Target="%s"/>' % i for i in items)
    return DECL + '<Relationships xmlns="%s">%s</Relationships>' % (NS_PKG_REL, r)


# cellXfs: 0 General, 1 built-in 14 (date), 2 custom yyyy-mm-dd, 3 '0.0 "dagar"'
# (quoted d: a number), 4 [h]:mm (elapsed time: a number), 5 built-in 4 (#,##0.00).
# cellStyleXfs holds a date format that must not count as a cell format.
STYLES = (DECL + '<styleSheet xmlns="%s">'
          '<numFmts count="3">'
          '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
          '<numFmt numFmtId="165" formatCode="0.0 &quot;dagar&quot;"/>'
          '<numFmt numFmtId="166" formatCode="[h]:mm"/>'
          '</numFmts>'
          '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
          '<borders count="1"><border/></borders>'
          '<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>'
          '<cellXfs count="6">'
          '<xf numFmtId="0" xfId="0"/>'
          '<xf numFmtId="14" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="164" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="165" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="166" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="4" xfId="0" applyNumberFormat="1"/>'
          '</cellXfs></styleSheet>' % NS_MAIN)


class Strings:
    """The shared strings table; plain strings by text, rich ones as raw <si> XML."""

    def __init__(self):
        self.items = []

    def add(self, text):
        self.items.append("<t xml:space=\"preserve\">%s</t>" % esc(text))
        return len(self.items) - 1

    def add_raw(self, inner):
        self.items.append(inner)
        return len(self.items) - 1

    def xml(self):
        si = "".join("<si>%s</si>" % i for i in self.items)
        return (DECL + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
                % (NS_MAIN, len(self.items), len(self.items), si))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet(rows, prefix=""):
    """rows: XML of the <row> elements; prefix writes every element as x:name."""
    p = prefix + ":" if prefix else ""
    ns = ('xmlns:%s="%s"' % (prefix, NS_MAIN)) if prefix else 'xmlns="%s"' % NS_MAIN
    body = "".join(rows)
    if prefix:
        for el in ("row", "c", "v", "is", "t", "f"):
            body = body.replace("<%s " % el, "<%s%s " % (p, el)).replace(
                "<%s>" % el, "<%s%s>" % (p, el)).replace("</%s>" % el, "</%s%s>" % (p, el))
    return (DECL + '<%sworksheet %s xmlns:r="%s"><%sdimension ref="A1"/><%ssheetData>%s'
            '</%ssheetData></%sworksheet>' % (p, ns, NS_REL, p, p, body, p, p))


def s_cell(ref, idx, style=None):
    st = ' s="%d"' % style if style is not None else ""
    return '<c r="%s" t="s"%s><v>%d</v></c>' % (ref, st, idx)


def n_cell(ref, value, style=None):
    r = ' r="%s"' % ref if ref else ""
    st = ' s="%d"' % style if style is not None else ""
    return '<c%s%s><v>%s</v></c>' % (r, st, value)


def inline(ref, text):
    r = ' r="%s"' % ref if ref else ""
    return '<c%s t="inlineStr"><is><t>%s</t></is></c>' % (r, esc(text))


def row(r, cells):
    rr = ' r="%d"' % r if r else ""
    return "<row%s>%s</row>" % (rr, "".join(cells))


def portfolio():
    """Initiativ, Anteckningar (no known kind) and Effekter (x: prefixes, Swedish headings)."""
    sst = Strings()
    h = {t: sst.add(t) for t in ("id", "titel", "nämnd", "beskrivning", "innovativ", "start",
                                 "slut", "it_timmar", "Övrigt", "tvärsektoriell")}
    # A heading split into rich-text runs: "Budget" + " kr" folds to budget_kr.
    h_budget = sst.add_raw('<r><rPr><b/></rPr><t>Budget</t></r><r><t xml:space="preserve">'
                           ' kr</t></r>')
    ini1, kbn = sst.add("INI-1"), sst.add("KBN")
    # Rich text with a phonetic guide (<rPh>) that is not part of the text.
    rich = sst.add_raw('<r><rPr><b/></rPr><t xml:space="preserve">Digital </t></r>'
                       '<r><t>signering</t></r><rPh sb="0" eb="1"><t>FONETISK</t></rPh>')
    ini2, x = sst.add("INI-2"), sst.add("x")
    ini3, tredje, kbn_lc = sst.add("INI-3"), sst.add("  Tredje  "), sst.add("kbn")

    initiativ = sheet([
        # Row 1: a cell that is only blanks, so the header is row 2.
        row(1, ['<c r="A1" t="inlineStr"><is><t xml:space="preserve">   </t></is></c>']),
        row(2, [s_cell("A2", h["id"]), s_cell("B2", h["titel"]), s_cell("C2", h["nämnd"]),
                s_cell("D2", h["beskrivning"]), s_cell("E2", h["innovativ"]),
                s_cell("F2", h["start"]), s_cell("G2", h["slut"]), s_cell("H2", h_budget),
                s_cell("I2", h["it_timmar"]), s_cell("J2", h["Övrigt"]),
                inline("K2", "Fas"), s_cell("L2", h["tvärsektoriell"])]),
        row(3, [s_cell("A3", ini1), s_cell("B3", rich), s_cell("C3", kbn),
                # inline rich text with an _x000A_ escape (a line break)
                '<c r="D3" t="inlineStr"><is><r><t>Rad ett</t></r><r><rPr><i/></rPr>'
                '<t xml:space="preserve">_x000A_rad två</t></r></is></c>',
                '<c r="E3" t="b"><v>1</v></c>',
                n_cell("F3", 45658, 1),        # built-in 14: 2025-01-01
                n_cell("G3", 46022, 2),        # yyyy-mm-dd: 2025-12-31
                n_cell("H3", 1234567, 5),      # #,##0.00 is a number, not a date
                n_cell("I3", 12.5, 3),         # 0.0 "dagar": quoted d, a number
                s_cell("J3", x),
                inline("K3", "pågående"),
                '<c r="L3" t="b"><v>0</v></c>']),
        # Row 4 is sparse: D and E absent, then cells without r= follow F.
        row(4, [s_cell("A4", ini2),
                '<c r="B4" t="str"><f>"Formel"&amp;"resultat"</f><v>Formelresultat</v></c>',
                s_cell("C4", kbn),
                n_cell("F4", 45292.75, 1),     # a time of day is dropped: 2024-01-01
                n_cell(None, 45657, 2),        # G4: 2024-12-31
                n_cell(None, "0.1"),           # H4
                n_cell(None, "1E-3", 4)]),     # I4: [h]:mm is elapsed time, a number
        # Row 5 is missing; row 6 has cells but all empty.
        row(6, ['<c r="A6" s="1"/>', '<c r="B6" t="inlineStr"><is><t></t></is></c>',
                '<c r="C6"><v></v></c>']),
        row(7, [s_cell("A7", ini3), s_cell("B7", tredje), s_cell("C7", kbn_lc),
                inline("E7", "ja"), n_cell("H7", "2.5E+6"), n_cell("I7", "0.30000000000000004"),
                n_cell("L7", "-0")]),
        # Row 8 has no r=, nor have its cells: A8, B8, C8.
        row(None, [inline(None, "INI-4"), inline(None, "Fjärde"), inline(None, "RS"),
                   '<c t="d"><v>2026-03-31T00:00:00</v></c>']),  # D8 (t="d", ISO date)
    ])

    anteckningar = sheet([
        row(1, [inline("A1", "Anteckning"), inline("B1", "Vem")]),
        row(2, [inline("A2", "Kom ihåg att uppdatera"), inline("B2", "Åsa")]),
    ])

    eff_headings = ["Indikator id", "Initiativ", "Indikator", "Effektmål", "Enhet", "Riktning",
                    "Basvärde", "Basdatum", "Målvärde", "Måldatum", "Mätmetod", "Ansvarig",
                    "Vikt", "Nyttotyp", "Nytta kr"]
    cols = "ABCDEFGHIJKLMNO"
    effekter = sheet([
        row(1, [inline(cols[i] + "1", t) for i, t in enumerate(eff_headings)]),
        row(2, [inline("A2", "IND-1"), inline("B2", "INI-1"), inline("C2", "Andel e-tjänster"),
                inline("D2", "Öka digitala ärenden"), inline("E2", "%"), inline("F2", "öka"),
                n_cell("G2", 12.5), n_cell("H2", 45292, 1), n_cell("I2", 80),
                n_cell("J2", 46022, 2), inline("K2", "Mätning i ärendesystemet"),
                inline("L2", "Åsa Öberg"), n_cell("M2", 1), inline("N2", "kvalitativ")]),
        row(3, [inline("A3", "IND-2"), inline("B3", "INI-2"), inline("C3", "Handläggningstid"),
                inline("F3", "minska"), n_cell("G3", 30), n_cell("H3", 45383, 2),
                n_cell("I3", 10), n_cell("J3", 46112, 1), n_cell("O3", 250000)]),
    ], prefix="x")

    write_zip("portfolio.xlsx", [
        ("[Content_Types].xml", content_types(3)),
        ("_rels/.rels", ROOT_RELS),
        # Relationship ids in another order than the sheets: order comes from workbook.xml.
        ("xl/workbook.xml", workbook([("Initiativ", "rId3"), ("Anteckningar", "rId1"),
                                      ("Effekter", "rId2")])),
        ("xl/_rels/workbook.xml.rels", rels([
            ("rId1", REL_SHEET, "worksheets/sheet2.xml"),
            ("rId2", REL_SHEET, "/xl/worksheets/sheet3.xml"),   # absolute target
            ("rId3", REL_SHEET, "./worksheets/sheet1.xml"),
            ("rId4", REL_STYLES, "styles.xml"),
            ("rId5", REL_SST, "sharedStrings.xml")])),
        ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", sst.xml()),
        ("xl/worksheets/sheet1.xml", initiativ),
        ("xl/worksheets/sheet2.xml", anteckningar),
        ("xl/worksheets/sheet3.xml", effekter),
    ])


def date1904():
    """A workbook in the 1904 date system: serial 0 is 1904-01-01."""
    ws = sheet([
        row(1, [inline("A1", "id"), inline("B1", "titel"), inline("C1", "namnd"),
                inline("D1", "start"), inline("E1", "slut")]),
        row(2, [inline("A2", "INI-1904"), inline("B2", "Mac-bok"), inline("C2", "KBN"),
                n_cell("D2", 0, 1), n_cell("E2", 44195, 2)]),  # 1904-01-01, 2024-12-31
    ])
    write_zip("date1904.xlsx", [
        ("[Content_Types].xml", content_types(1, sst=False)),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook([("Initiativ", "rId1")], date1904=True)),
        ("xl/_rels/workbook.xml.rels", rels([("rId1", REL_SHEET, "worksheets/sheet1.xml"),
                                             ("rId2", REL_STYLES, "styles.xml")])),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", ws),
    ])


def cell_errors():
    """Bad cells: each is reported at its cell, its row skipped, the others read."""
    sst = Strings()
    for t in ("initiativ", "period", "bedömning", "kommentar", "INI-1", "2025Q1", "grön"):
        sst.add(t)
    ws = sheet([
        row(1, [s_cell("A1", 0), s_cell("B1", 1), s_cell("C1", 2), s_cell("D1", 3)]),
        row(2, [s_cell("A2", 4), s_cell("B2", 5), s_cell("C2", 6)]),
        row(3, [s_cell("A3", 4), inline("B3", "2025Q2"), '<c r="C3" t="e"><v>#N/A</v></c>']),
        row(4, [s_cell("A4", 99), inline("B4", "2025Q3"), s_cell("C4", 6)]),
        row(5, [s_cell("A5", 4), inline("B5", "2025Q4"), s_cell("C5", 6),
                n_cell("D5", "12,5")]),
        row(6, [s_cell("A6", 4), n_cell("B6", 0, 1), s_cell("C6", 6)]),
        row(7, [s_cell("A7", 4), inline("B7", "2026Q1"), s_cell("C7", 6),
                '<c r="D7" t="b"><v>1</v></c>']),
    ])
    write_zip("cell_errors.xlsx", [
        ("[Content_Types].xml", content_types(1)),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook([("Uppföljning", "rId1")])),
        ("xl/_rels/workbook.xml.rels", rels([("rId1", REL_SHEET, "worksheets/sheet1.xml"),
                                             ("rId2", REL_STYLES, "styles.xml"),
                                             ("rId3", REL_SST, "sharedStrings.xml")])),
        ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", sst.xml()),
        ("xl/worksheets/sheet1.xml", ws),
    ])


LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE sst [\n <!ENTITY lol "lol">\n'
          + "".join(' <!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;")
                                                     * 10) for i in range(1, 10))
          + ']>\n<sst xmlns="%s"><si><t>&lol9;</t></si></sst>' % NS_MAIN)

XXE_WORKBOOK = ('<?xml version="1.0"?>\n<!DOCTYPE workbook [ <!ENTITY xxe SYSTEM '
                '"file:///etc/passwd"> ]>\n<workbook xmlns="%s" xmlns:r="%s"><sheets>'
                '<sheet name="&xxe;" sheetId="1" r:id="rId1"/></sheets></workbook>'
                % (NS_MAIN, NS_REL))


def hostile():
    minimal = sheet([row(1, [inline("A1", "id")])])
    base = [("[Content_Types].xml", content_types(1)), ("_rels/.rels", ROOT_RELS),
            ("xl/_rels/workbook.xml.rels", rels([("rId1", REL_SHEET, "worksheets/sheet1.xml"),
                                                 ("rId3", REL_SST, "sharedStrings.xml")])),
            ("xl/worksheets/sheet1.xml", minimal)]
    write_zip("billion_laughs.xlsx", base + [
        ("xl/workbook.xml", workbook([("Initiativ", "rId1")])),
        ("xl/sharedStrings.xml", LAUGHS)])
    write_zip("external_entity.xlsx", base + [("xl/workbook.xml", XXE_WORKBOOK)])
    # A zip, but a Word document's parts rather than a workbook's.
    write_zip("no_workbook.xlsx", [
        ("[Content_Types].xml", content_types(0, sst=False, styles=False)),
        ("_rels/.rels", ROOT_RELS),
        ("word/document.xml", DECL + "<w:document xmlns:w=\"urn:w\"/>")])
    open(os.path.join(HERE, "empty.xlsx"), "wb").close()
    with open(os.path.join(HERE, "not_a_zip.xlsx"), "wb") as f:
        f.write(b"id;titel;namnd\nINI-1;Det h\xe4r \xe4r en CSV-fil;KBN\n" + bytes(range(256)))
    # The first half of a real workbook: no central directory.
    with open(os.path.join(HERE, "portfolio.xlsx"), "rb") as f:
        data = f.read()
    with open(os.path.join(HERE, "truncated.xlsx"), "wb") as f:
        f.write(data[:len(data) // 2])


def libreoffice():
    """libreoffice.xlsx: LibreOffice's own conversion of libreoffice.csv (sv-SE)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice not found: keeping the committed libreoffice.xlsx")
        return
    with tempfile.TemporaryDirectory() as tmp:
        # The sheet is named after the file.
        csv = os.path.join(tmp, "Initiativ.csv")
        shutil.copy(os.path.join(HERE, "libreoffice.csv"), csv)
        # Filter options: ';' separated, '"' quoted, UTF-8, from line 1, standard columns,
        # Swedish locale (1053), unquoted fields evaluated, special numbers (dates) detected.
        subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + tmp + "/u",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--infilter=CSV:59,34,76,1,,1053,false,true", "--outdir", tmp, csv],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "Initiativ.xlsx"), os.path.join(HERE, "libreoffice.xlsx"))


if __name__ == "__main__":
    portfolio()
    date1904()
    cell_errors()
    hostile()
    libreoffice()
