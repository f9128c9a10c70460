"""Builds the hostile import corpus beside it (issue 11 §2): `python tests/data/hostile/build_corpus.py`.

One folder per importer (cases/, locations/, requests/: each file is that importer's
columns with one hostile thing in an otherwise good row) and generic/ (hostile whatever
the columns: every importer gets each of them). manifest.json names, per file, the
importer and the Dutch words its refusal must contain; tests/test_hostile_imports.py
runs them all. The zip bombs are small on disk: one packs 24 MB of zeros into ~24 KB,
the other only declares sizes it does not have.
"""

# ruff: noqa: E501 (corpus tables read best one entry per line)

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from ret_desk.services.cases.import_rows import COLUMNS as CASE_COLUMNS  # noqa: E402
from ret_desk.services.placement.location_import import COLUMNS as LOCATION_COLUMNS  # noqa: E402
from ret_desk.services.placement.placement_requests import COLUMNS as REQUEST_COLUMNS  # noqa: E402

sys.path.insert(0, str(HERE))
from xlsx_by_hand import (  # noqa: E402
    CONTENT_TYPES,
    LAUGHS,
    RELS,
    SHEET_NS,
    WORKBOOK,
    WORKBOOK_RELS,
    XXE,
    book,
    cells,
    part,
    sheet_xml,
    xlsx,
)

FIELD_LIMIT = 131_072  # csv.field_size_limit() by default
GOOD = {
    "cases": {
        "casusnummer": "HOS-0001",
        "aanmelddatum": "03-11-2026",
        "achternaam": "Dijkstra",
        "voornaam": "Fenna",
        "geboortedatum": "2011-02-14",
        "bsn": "999990019",
        "geslacht": "v",
        "gemeente": "GM0114",
        "verwijzer_type": "gi",
        "verwijzer_organisatie": "Jeugdbescherming Noord",
        "hulpvraag": "Plaatsing dreigt te mislukken.",
        "gva_triggers": "1,7",
        "gva_aanwezig": "ja",
        "route": "rop",
        "doelgroepen": "1,4",
        "interventieniveau": "8",
    },
    "locations": dict(
        zip(
            LOCATION_COLUMNS,
            [
                "Pleegzorg Drenthe",
                "11000001",
                "Pleeggezinnen Assen",
                "21000001",
                "Assen",
                "9401 AA",
                "52.99",
                "6.56",
                "pleeggezin",
                "6",
                "2",
                "10",
                "0",
                "17",
                "alle",
                "trauma",
                "open",
                "ja",
                "",
            ],
            strict=True,
        )
    ),
    "requests": {
        "casusnummer": "HOS-0001",
        "gewenste_startdatum": "01-12-2026",
        "urgentie": "hoog",
        "plaatsingsvorm": "pleeggezin",
        "reden_hogere_trede": "Netwerk past niet",
        "specialismen": "trauma",
        "beveiliging": "open",
        "machtiging": "nee",
        "broers_zussen_samen": "",
        "max_afstand_km": "",
    },
}
COLUMNS = {"cases": CASE_COLUMNS, "locations": LOCATION_COLUMNS, "requests": REQUEST_COLUMNS}
#: Per importer: the column of one-line text, a parsed column, and the text columns with
#: their model length (String(n)), a Text column getting a cell's worth (32,767).
TEXT = {"cases": "achternaam", "locations": "locatie", "requests": "casusnummer"}
PARSED = {"cases": "geboortedatum", "locations": "plekken_totaal", "requests": "gewenste_startdatum"}
LONG = {
    "cases": {
        "casusnummer": 30,
        "achternaam": 100,
        "voornaam": 100,
        "verwijzer_organisatie": 200,
        "gemeente": 100,
        "hulpvraag": 32_767,
    },
    "locations": {"aanbieder": 200, "locatie": 200, "gemeente": 100, "specialismen": 32_767},
    "requests": {
        "casusnummer": 30,
        "reden_hogere_trede": 32_767,
        "specialismen": 32_767,
        "broers_zussen_samen": 32_767,
    },
}
CONTROLS = {  # name: (character, its U+ code as the refusal names it)
    "nul": "\x00",
    "bell": "\x07",
    "backspace": "\x08",
    "tab": "\t",
    "newline": "\n",
    "vtab": "\x0b",
    "formfeed": "\x0c",
    "escape": "\x1b[31m",
    "delete": "\x7f",
    "c1_csi": "\x9b",
    "nel": "\x85",
    "bidi_override": "\u202e",
    "bidi_isolate": "\u2067",
    "line_separator": "\u2028",
}
manifest: dict[str, dict] = {}


def put(name: str, data: bytes, importer: str, *expect: str) -> None:
    path = HERE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    manifest[name] = {"importer": importer, "expect": list(expect)}


def csv_bytes(columns, rows, delimiter: str = ",") -> bytes:  # noqa: ANN001
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def row_of(importer: str, **changes: str) -> list[str]:
    values = dict(GOOD[importer], **changes)
    return [values[c] for c in COLUMNS[importer]]


def good_book(importer: str, **changes: str) -> bytes:
    return book(sheet_xml([cells(list(COLUMNS[importer])), cells(row_of(importer, **changes))]))


DTD = "DTD of entiteiten"


# fmt: off
def per_importer(importer: str) -> None:  # noqa: PLR0915 (one corpus, one list)
    cols, text, parsed = COLUMNS[importer], TEXT[importer], PARSED[importer]
    d = importer
    # A cell over the csv module's field limit
    put(f"{d}/field_limit_{text}.csv", csv_bytes(cols, [row_of(d, **{text: "A" * (FIELD_LIMIT + 1)})]), d, "rij 2", f"kolom {text}", "131.072")
    # NUL and control characters, in a text and in a parsed column, in CSV
    for name, char in CONTROLS.items():
        code = f"U+{ord(char[0]):04X}"
        put(f"{d}/control_{name}_{text}.csv", csv_bytes(cols, [row_of(d, **{text: f"Di{char}jk"})]), d, "rij 2", f"kolom {text}", code)
    for name in ("nul", "escape", "bidi_override"):
        char = CONTROLS[name]
        code = f"U+{ord(char[0]):04X}"
        value = GOOD[d][parsed] + char
        put(f"{d}/control_{name}_{parsed}.csv", csv_bytes(cols, [row_of(d, **{parsed: value})]), d, "rij 2", f"kolom {parsed}", code)
    # In XLSX (XML 1.0 cannot hold NUL or C0 controls: those make the sheet unreadable)
    for name in ("delete", "c1_csi", "nel", "bidi_override", "line_separator", "newline", "tab"):
        char = CONTROLS[name]
        code = f"U+{ord(char[0]):04X}"
        value = escape(f"Di{char}jk").replace("\n", "&#10;").replace("\t", "&#9;")
        rows = [cells(list(cols)), [value if c == text else escape(v) for c, v in zip(cols, row_of(d), strict=True)]]
        put(f"{d}/control_{name}_{text}.xlsx", book(sheet_xml(rows)), d, "rij 2", f"kolom {text}", code)
    rows = [cells(list(cols)), [("Di&#0;jk" if c == text else escape(v)) for c, v in zip(cols, row_of(d), strict=True)]]
    put(f"{d}/control_nul_{text}.xlsx", book(sheet_xml(rows)), d, "rij 2", "beschadigd")
    rows = [cells(list(cols)), [("Di&#27;jk" if c == text else escape(v)) for c, v in zip(cols, row_of(d), strict=True)]]
    put(f"{d}/control_escape_{text}.xlsx", book(sheet_xml(rows)), d, "rij 2", "beschadigd")
    # Values longer than their column (the model's String(n); a Text column: one Excel cell)
    for column, length in LONG[d].items():
        put(f"{d}/too_long_{column}.csv", csv_bytes(cols, [row_of(d, **{column: "x" * (length + 1)})]), d, "rij 2", f"kolom {column}", f"hoogstens {length:,}".replace(",", "."))
    put(f"{d}/too_long_{parsed}.csv", csv_bytes(cols, [row_of(d, **{parsed: "1" * 201})]), d, "rij 2", f"kolom {parsed}", "hoogstens 200")
    column, length = next(iter(LONG[d].items()))
    put(f"{d}/too_long_{column}.xlsx", good_book(d, **{column: "x" * (length + 1)}), d, "rij 2", f"kolom {column}", f"hoogstens {length}")
    # Extra cells beyond the header
    put(f"{d}/extra_cell.csv", csv_bytes(cols, [[*row_of(d), "verstopt"]]), d, "rij 2", f"kolom {len(cols) + 1} (buiten de kop)")
    put(f"{d}/extra_cells_many.csv", csv_bytes(cols, [[*row_of(d), *(["x"] * 40)]]), d, "rij 2", f"kolom {len(cols) + 40} (buiten de kop)")
    put(f"{d}/extra_cell_after_gap.csv", csv_bytes(cols, [[*row_of(d), "", "", "verstopt"]]), d, "rij 2", f"kolom {len(cols) + 3} (buiten de kop)")
    rows = [cells(list(cols)), [*cells(row_of(d)), "verstopt"]]
    put(f"{d}/extra_cell.xlsx", book(sheet_xml(rows)), d, "rij 2", f"kolom {len(cols) + 1} (buiten de kop)")
    far = '<row r="2"><c r="XFD2" t="inlineStr"><is><t>verstopt</t></is></c></row>'
    head = sheet_xml([cells(list(cols))], raw_rows=far)
    put(f"{d}/extra_cell_far_column.xlsx", book(head), d, "rij 2", "kolom 16384 (buiten de kop)")
    # Broken quoting, a header naming a column twice or holding a control character
    good = csv_bytes(cols, [row_of(d)]).decode()
    put(f"{d}/quote_never_closed.csv", (good + '"' + ",".join(row_of(d))).encode(), d, "rij 3", "aanhalingsteken")
    put(f"{d}/text_after_quote.csv", csv_bytes(cols, []) + ('"Dijk"stra,' + ",".join(row_of(d)[1:]) + "\n").encode(), d, "rij 2", "kolom", "aanhalingsteken")
    put(f"{d}/header_twice.csv", csv_bytes([*cols, cols[0]], [[*row_of(d), "x"]]), d, "rij 1", "twee keer")
    put(f"{d}/header_control.csv", csv_bytes([f"{cols[0]}\x1b[2J", *cols[1:]], [row_of(d)]), d, "rij 1", "stuurteken")
    put(f"{d}/header_missing.xlsx", book(sheet_xml([cells(list(cols[1:])), cells(row_of(d)[1:])])), d, "rij 1", "mist de kolom")
    # Not UTF-8
    put(f"{d}/latin1.csv", csv_bytes(cols, [row_of(d)]) + ",".join(row_of(d, **{text: "Müller"})).encode("latin-1") + b"\n", d, "rij 3", "utf-8")
    put(f"{d}/surrogate_bytes.csv", csv_bytes(cols, [row_of(d)]).replace(GOOD[d][text].encode(), b"Di\xed\xa0\x80jk"), d, "rij 2", "utf-8")
    # XLSX-level hostility with this importer's header
    put(f"{d}/laughs_in_sheet.xlsx", book(sheet_xml([cells(list(cols)), cells(row_of(d, **{text: "&lol9;"}))], prolog=LAUGHS).replace("&amp;lol9;", "&lol9;" ) ), d, DTD)
    put(f"{d}/xxe_in_sheet.xlsx", book(sheet_xml([cells(list(cols)), cells(row_of(d, **{text: "&xxe;"}))], prolog=XXE).replace("&amp;xxe;", "&xxe;" ) ), d, DTD)
    padding = "<!--" + "opvulling " * 600 + "-->\n"  # past the first 4 KB: defusedxml refuses it
    sheet = sheet_xml([cells(list(cols)), cells(row_of(d, **{text: "&lol9;"}))], prolog=padding + LAUGHS ).replace("&amp;lol9;", "&lol9;")
    put(f"{d}/laughs_after_comment.xlsx", book(sheet.replace("<?xml", "<?xml", 1)), d, DTD)
    put(f"{d}/rows_declared_over_cap.xlsx", book(sheet_xml([cells(list(cols)), cells(row_of(d))], dimension="A1:S300000")), d, "250.000 rijen")
    far_row = '<row r="250002"><c r="A250002" t="inlineStr"><is><t>x</t></is></c></row>'
    put(f"{d}/row_far_down.xlsx", book(sheet_xml([cells(list(cols))], raw_rows=far_row)), d, "250.000 rijen")
    bad_number = '<row r="2"><c r="A2" t="n"><v>geen getal</v></c></row>'
    put(f"{d}/cell_not_a_number.xlsx", book(sheet_xml([cells(list(cols))], raw_rows=bad_number)), d, "rij 2", "beschadigd")
    broken = sheet_xml([cells(list(cols)), cells(row_of(d))]).replace("</sheetData>", "<row r='3'><c>")
    put(f"{d}/sheet_not_well_formed.xlsx", book(broken), d, "beschadigd")


def generic() -> None:
    g = "generic"
    put(f"{g}/empty.csv", b"", "all", "leeg")
    put(f"{g}/empty.xlsx", b"", "all", "leeg")
    put(f"{g}/bom_only.csv", b"\xef\xbb\xbf", "all", "rij 1", "mist de kolom")
    put(f"{g}/utf16.csv", "casusnummer,achternaam\nHOS-1,Dijkstra\n".encode("utf-16"), "all", "rij 1", "utf-8" )
    put(f"{g}/binary.csv", bytes(range(256)) * 8, "all", "rij 1", "stuurteken")
    put(f"{g}/not_a_zip.xlsx", b"Dit is geen Excel-bestand maar gewone tekst.\n", "all", "geen excel-bestand", "zip")
    put(f"{g}/ole2_or_password.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "all", ".xls", "wachtwoord")
    good = good_book("cases")
    put(f"{g}/truncated.xlsx", good[: len(good) // 2], "all", "geen excel-bestand")
    put(f"{g}/zip_without_workbook.xlsx", xlsx({"leesmij.txt": "geen werkmap"}), "all", "beschadigd")
    put(f"{g}/workbook_without_sheets.xlsx", book("", {"xl/workbook.xml": WORKBOOK.replace('<sheet name="Blad1" sheetId="1" r:id="rId1"/>', "")}), "all", "geen werkblad")
    # Zip bombs: 24 MB of zeros packed ~1,000 times; sizes declared beyond the cap
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ):
            archive.writestr(part(name), data)
        archive.writestr(part("xl/worksheets/sheet1.xml"), b"<" + b"\x20" * (24 * 1024 * 1024))
    put(f"{g}/zip_bomb_ratio.xlsx", bomb.getvalue(), "all", "zip-bom", "200 keer")
    declared = io.BytesIO()
    with zipfile.ZipFile(declared, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(part("[Content_Types].xml", zipfile.ZIP_STORED), CONTENT_TYPES)
        for i in range(3):
            archive.writestr(part(f"xl/worksheets/sheet{i + 1}.xml", zipfile.ZIP_STORED), b"<x/>")
        for info in archive.filelist[1:]:
            info.file_size = 400 * 1024 * 1024  # what the central directory says; the data is 4 bytes
    put(f"{g}/zip_bomb_declared.xlsx", declared.getvalue(), "all", "zip-bom", "512 mb")
    put(f"{g}/zip_many_parts.xlsx", xlsx({f"x/{i}": "" for i in range(1_001)}), "all", "onderdelen", "1.000")
    put(f"{g}/laughs_in_workbook.xlsx", book("", {"xl/workbook.xml": WORKBOOK.replace("\n", "\n" + LAUGHS, 1)}), "all", DTD)
    put(f"{g}/xxe_in_content_types.xlsx", book("", {"[Content_Types].xml": CONTENT_TYPES.replace("\n", "\n" + XXE, 1)}), "all", DTD)
    put(f"{g}/laughs_in_shared_strings.xlsx", book("", {"xl/sharedStrings.xml": '<?xml version="1.0"?>\n' + LAUGHS + '<sst xmlns="' + SHEET_NS + '"><si><t>&lol9;</t></si></sst>' }), "all", DTD)
    put(f"{g}/dtd_utf16_workbook.xlsx", book("", {"xl/workbook.xml": (LAUGHS + WORKBOOK.split("\n", 1)[1]).encode("utf-16")}), "all", DTD)
    put(f"{g}/wrong_suffix.txt", b"casusnummer\nHOS-1\n", "all", ".csv- of .xlsx-bestand")

# fmt: on


def main() -> None:
    for folder in ("cases", "locations", "requests", "generic"):
        shutil.rmtree(HERE / folder, ignore_errors=True)
    for importer in ("cases", "locations", "requests"):
        per_importer(importer)
    # An unknown municipality: a case's gemeente, a location's (a code, a name no municipality has)
    put(
        "cases/municipality_unknown_code.csv",
        csv_bytes(CASE_COLUMNS, [row_of("cases", gemeente="GM9999")]),
        "cases",
        "rij 2",
        "kolom gemeente",
        "geen gemeente van de regio",
    )
    put(
        "cases/municipality_unknown_name.xlsx",
        good_book("cases", gemeente="Atlantis"),
        "cases",
        "rij 2",
        "kolom gemeente",
        "geen gemeente van de regio",
    )
    for name, value, words in (
        ("unknown_code", "GM9999", "geen gemeentecode van de regio"),
        ("code_outside_region", "GM0014", "geen gemeentecode van de regio"),
        ("code_lower_case", "gm0000", "geen gemeentecode van de regio"),
        ("digits", "9401", "geen naam van een gemeente"),
        ("markup", "<b>Assen</b>", "geen naam van een gemeente"),
    ):
        put(
            f"locations/municipality_{name}.csv",
            csv_bytes(LOCATION_COLUMNS, [row_of("locations", gemeente=value)]),
            "locations",
            "rij 2",
            "kolom gemeente",
            words,
        )
    put(
        "locations/municipality_unknown_code.xlsx",
        good_book("locations", gemeente="GM9999"),
        "locations",
        "rij 2",
        "kolom gemeente",
        "geen gemeentecode van de regio",
    )
    generic()
    (HERE / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{len(manifest)} bestanden geschreven.")


if __name__ == "__main__":
    main()
