"""`import cases` and `export cases` on a real store: validate all, then write all."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from ret_desk.db.models import AuditEvent, Case
from ret_desk.domain.enums import Role
from ret_desk.domain.errors import PermissionDenied
from ret_desk.services.cases import exporter, importer
from ret_desk.services.cases.import_rows import COLUMNS

GOOD = {
    "casusnummer": "IMP-0001",
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
}


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def cases_in(store) -> int:
    with store.uow() as uow:
        return uow.session.scalar(select(func.count(Case.id)))


def second(**changes) -> dict:
    row = dict(GOOD, casusnummer="IMP-0002", bsn="", achternaam="Hoekstra", gemeente="Meppel")
    row.update(changes)
    return row


def test_valid_csv_is_imported(store, coordinator, tmp_path):
    path = write_csv(tmp_path / "in.csv", [GOOD, second()])
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path)
    assert (report.rows, report.valid, report.written, report.errors) == (2, 2, 2, [])
    assert cases_in(store) == 2


def test_one_bad_row_writes_nothing_and_lists_every_error(store, coordinator, tmp_path):
    bad = second(
        aanmelddatum="31-02-2026", gemeente="Groningen", route="jeugdzorg", verwijzer_type="huisarts"
    )
    path = write_csv(tmp_path / "in.csv", [GOOD, bad])
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path)
    assert report.written == 0 and cases_in(store) == 0
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(3, "aanmelddatum"), (3, "gemeente"), (3, "route")}
    assert all(e.reason for e in report.errors)


def test_gp_rule_is_reported_under_its_column(store, coordinator, tmp_path):
    path = write_csv(tmp_path / "in.csv", [second(verwijzer_type="huisarts")])
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path)
    assert [(e.row, e.column) for e in report.errors] == [(2, "verwijzer_type")]
    assert "huisarts" in report.errors[0].reason


def test_skip_invalid_writes_only_valid_rows(store, coordinator, tmp_path):
    path = write_csv(tmp_path / "in.csv", [GOOD, second(geboortedatum="morgen")])
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path, skip_invalid=True)
    assert report.written == 1 and len(report.errors) == 1 and cases_in(store) == 1


def test_dry_run_writes_nothing(store, coordinator, tmp_path):
    path = write_csv(tmp_path / "in.csv", [GOOD])
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path, dry_run=True)
    assert report.valid == 1 and report.written == 0 and cases_in(store) == 0


def test_existing_and_repeated_case_numbers_are_errors(store, coordinator, tmp_path):
    importer.import_cases(uow=store.uow(), actor=coordinator, path=write_csv(tmp_path / "a.csv", [GOOD]))
    path = write_csv(tmp_path / "b.csv", [GOOD, second(), second()])
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=path)
    assert [(e.row, e.column) for e in report.errors] == [(2, "casusnummer"), (4, "casusnummer")]
    assert cases_in(store) == 1


def test_xlsx_first_sheet_is_read(store, coordinator, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    sheet.append([GOOD[c] for c in COLUMNS])
    book.save(tmp_path / "in.xlsx")
    report = importer.import_cases(uow=store.uow(), actor=coordinator, path=tmp_path / "in.xlsx")
    assert report.written == 1


def test_missing_column_is_a_file_error(store, coordinator, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("casusnummer,achternaam\nX,Y\n", encoding="utf-8")
    with pytest.raises(importer.ImportFileError, match="mist de kolom"):
        importer.import_cases(uow=store.uow(), actor=coordinator, path=path)


def test_export_then_import_round_trips(store, coordinator, tmp_path, sqlite_url):
    importer.import_cases(
        uow=store.uow(), actor=coordinator, path=write_csv(tmp_path / "a.csv", [GOOD, second()])
    )
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"uit{suffix}"
        assert exporter.export_cases(uow=store.uow(), actor=coordinator, path=out) == 2
        with store.uow() as uow:
            assert uow.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "case_export"))
    rows = list(csv.DictReader((tmp_path / "uit.csv").open(encoding="utf-8")))
    assert rows[0]["casusnummer"] == "IMP-0001" and rows[0]["gva_triggers"] == "1,7"
    assert rows[0]["interventieniveau"] == "8" and rows[1]["gemeente"] == "GM0119"


def test_only_coordinators_import_and_export(store, actors, tmp_path):
    path = write_csv(tmp_path / "a.csv", [GOOD])
    with pytest.raises(PermissionDenied):
        importer.import_cases(uow=store.uow(), actor=actors[Role.CHAIR], path=path)
    with pytest.raises(PermissionDenied):
        exporter.export_cases(uow=store.uow(), actor=actors[Role.ADMIN], path=tmp_path / "x.csv")


def test_cancelled_import_writes_nothing(store, coordinator, tmp_path):
    rows = [dict(GOOD, casusnummer=f"IMP-{i:04d}", bsn="") for i in range(250)]
    path = write_csv(tmp_path / "groot.csv", rows)
    asked = []

    def progress(done: int, total: int) -> bool:
        asked.append((done, total))
        return done < 200  # the user presses "Annuleren" at 200

    report = importer.import_cases(
        uow=store.uow(), actor=coordinator, path=path, progress=progress, new_youth=True
    )
    assert report.cancelled and report.written == 0
    assert asked == [(100, 250), (200, 250)]
    assert cases_in(store) == 0
