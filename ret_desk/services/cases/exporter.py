"""`export cases`: write cases in the import's own columns, so an export can be re-imported.

No cell carries a working formula (domain/spreadsheet_cells.py): CSV cells get the OWASP
quote, XLSX cells are string cells; the file is private (0600) and whole or absent.

Rows stream from the store in batches; the export is logged as a read (NEN 7513), with
one `case_in_list` event per exported case naming its youth.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import select

from ret_desk.db.audit import record, record_listed
from ret_desk.db.models import Case, Municipality, Youth
from ret_desk.db.private_files import SIDE_SUFFIX, scratch_file, side_file
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import GvaTrigger, TargetGroup, from_mask
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.spreadsheet_cells import csv_cell, xlsx_cell
from ret_desk.services.cases.import_rows import COLUMNS
from ret_desk.services.cases.importer import ImportFileError

BATCH = 1000


def _numbers(mask: int, enum) -> str:  # noqa: ANN001
    return ",".join(str(int(m)) for m in sorted(from_mask(mask, enum)))


def _rows(session, seen: list[tuple[int, int, str]]) -> Iterator[list[str]]:  # noqa: ANN001
    stmt = (
        select(Case, Youth, Municipality.cbs_code)
        .join(Youth, Case.youth_id == Youth.id)
        .join(Municipality, Youth.municipality_id == Municipality.id)
        .where(Youth.destroyed_at.is_(None))  # a destroyed dossier is a tombstone, not a case to export
        .order_by(Case.id)
        .execution_options(yield_per=BATCH)
    )
    for case, youth, code in session.execute(stmt):
        seen.append((youth.id, case.id, case.number))
        yield [
            case.number,
            case.referral_date.strftime("%d-%m-%Y"),
            youth.family_name,
            youth.given_name,
            youth.birth_date.strftime("%d-%m-%Y"),
            youth.bsn or "",
            youth.gender,
            code,
            case.referrer_type,
            case.referrer_organisation,
            case.help_question,
            _numbers(case.gva_trigger_mask, GvaTrigger),
            "ja" if case.gva_present else "nee",
            case.current_route or "",
            _numbers(case.target_group_mask, TargetGroup),
            str(case.intervention_level or ""),
        ]


def export_cases(*, uow: UnitOfWork, actor: Actor, path: Path) -> int:
    """Write every case to `path` (.csv or .xlsx); returns the number of cases."""
    require(actor.role, Action.EXPORT_CASES)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError("Exporteer naar een .csv- of .xlsx-bestand.")
    count = 0
    seen: list[tuple[int, int, str]] = []
    with uow:
        # A private side file first (0600, journaled), renamed when whole: a failed or
        # killed export never leaves half a file (db/private_files.py).
        with side_file(path) as partial:
            if suffix == ".csv":
                with partial.open("w", encoding="utf-8", newline="") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(COLUMNS)
                    for row in _rows(uow.session, seen):
                        writer.writerow([csv_cell(value) for value in row])
                        count += 1
            else:
                count = _write_xlsx(partial, _rows(uow.session, seen))
        record(uow.session, actor, "case_export", detail=f"{path.name}: {count} casussen")
        record_listed(uow.session, actor, seen, detail=f"export {path.name}")
        uow.commit()
    return count


def _write_xlsx(partial: Path, values: Iterator[list[str]]) -> int:
    """Every value a string cell: openpyxl would make a text starting with '=' a formula
    (and '#N/A' an error), so the cell type is set after the value (issue 11 §1)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Casussen")

    def cells(texts: Iterable[str]) -> list:
        out = []
        for value in texts:
            cell = WriteOnlyCell(sheet, value=xlsx_cell(value))
            cell.data_type = "s"
            out.append(cell)
        return out

    count = 0
    with scratch_file(partial.with_name(f"{partial.name[: -len(SIDE_SUFFIX)]}.rijen{SIDE_SUFFIX}")) as rows:
        sheet._writer = _rows_writer_class()(sheet, out=str(rows))
        sheet._writer.write_top()
        sheet.append(cells(COLUMNS))
        for row in values:
            sheet.append(cells(row))
            count += 1
        book.save(partial)  # into the private side file: opening it for writing keeps its mode
    return count


def _rows_writer_class() -> type:
    from openpyxl.worksheet._writer import WorksheetWriter

    class RowsWriter(WorksheetWriter):
        """openpyxl's sheet writer with its rows in our private, journaled side file
        instead of a file in the system's temp folder, which a killed export would leave
        there with every child's data in it (openpyxl removes it only at a normal exit)."""

        def cleanup(self) -> None:
            os.remove(self.out)  # ours: not in openpyxl's list of its own temp files

    return RowsWriter
