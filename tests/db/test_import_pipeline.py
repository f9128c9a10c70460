"""The one import pipeline (services.imports.pipeline) with a small importer of its own:
every error by row and column, dry run, write with progress, cancel, audit; and the
file errors of the safe reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from ret_desk.db.models import AuditEvent, Provider
from ret_desk.services.imports.cells import RowError, text
from ret_desk.services.imports.pipeline import RowImport, run_import
from ret_desk.services.imports.table_files import ImportFileError


class ProviderRows(RowImport[tuple[str, str]]):
    columns = ("agb", "naam")
    audit_action = "location_import"
    progress_every = 2

    def check(self, session, number, values):  # noqa: ANN001
        errors = []
        if not text(values.get("agb")).isdigit():
            errors.append(RowError(number, "agb", "geen nummer"))
        if not text(values.get("naam")):
            errors.append(RowError(number, "naam", "Verplicht."))
        return (text(values.get("agb")), text(values.get("naam"))), errors

    def write(self, session, actor, item):  # noqa: ANN001
        session.add(Provider(agb=item[0], name=item[1]))


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(["agb;naam", *lines]) + "\n", encoding="utf-8")
    return path


def stored(store) -> list[str]:
    with store.uow() as uow:
        return list(uow.session.scalars(select(Provider.name).order_by(Provider.agb)))


def audited(store) -> list[str]:
    with store.uow() as uow:
        return list(
            uow.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "location_import"))
        )


def run(store, actor, path, **kw):  # noqa: ANN001
    return run_import(uow=store.uow(), actor=actor, path=path, rows=ProviderRows(), **kw)


def test_every_error_of_every_row_is_reported_and_nothing_is_written(store, coordinator, tmp_path):
    path = write(tmp_path / "p.csv", ["11000001;Een", "x;", "11000003;Drie", "y;Vier"])
    report = run(store, coordinator, path)
    assert [str(e) for e in report.errors] == [
        "rij 3, kolom agb: geen nummer",
        "rij 3, kolom naam: Verplicht.",
        "rij 5, kolom agb: geen nummer",
    ]
    assert (report.rows, report.valid, report.written) == (4, 2, 0)
    assert stored(store) == [] and audited(store) == []


def test_skip_invalid_writes_the_valid_rows_with_progress_and_one_audit_event(store, coordinator, tmp_path):
    path = write(tmp_path / "p.csv", ["11000001;Een", "x;Twee", "11000003;Drie", "11000004;Vier"])
    told = []
    report = run(
        store, coordinator, path, skip_invalid=True, progress=lambda d, t: told.append((d, t)) or True
    )
    assert (report.written, report.cancelled) == (3, False)
    assert told == [(2, 3), (3, 3)]
    assert stored(store) == ["Een", "Drie", "Vier"]
    assert audited(store) == ["p.csv: 3 geschreven, 1 fout"]


def test_a_dry_run_validates_and_writes_nothing(store, coordinator, tmp_path):
    report = run(store, coordinator, write(tmp_path / "p.csv", ["11000001;Een"]), dry_run=True)
    assert (report.dry_run, report.valid, report.written) == (True, 1, 0)
    assert stored(store) == [] and audited(store) == []


def test_cancelling_rolls_back_what_was_written(store, coordinator, tmp_path):
    path = write(tmp_path / "p.csv", [f"1100000{i};P{i}" for i in range(1, 6)])
    report = run(store, coordinator, path, progress=lambda done, total: done < 4)
    assert (report.cancelled, report.written) == (True, 0)
    assert stored(store) == [] and audited(store) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.txt", b"agb;naam\n", "Importeer een .csv- of .xlsx-bestand."),
        ("p.csv", b"agb;naam\n\xff\xfe;x\n", "Rij 2: het CSV-bestand is geen UTF-8-tekst."),
        ("p.csv", b"agb;naam\n" + b"x" * 200_000 + b";y\n", "Rij 2, kolom agb: de cel is groter dan 131.072"),
        ("p.csv", b"agb\n1\n", "Rij 1 mist de kolom(men): naam."),
        ("p.xlsx", b"geen excel", "Dit is geen Excel-bestand"),
    ],
    ids=["wrong-type", "not-utf8", "field-too-large", "missing-column", "not-excel"],
)
def test_a_file_that_cannot_be_read_is_one_dutch_error(store, coordinator, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        run(store, coordinator, path)
    assert caught.value.message.startswith(message)
    assert stored(store) == []
