"""`import cases`: read a CSV or the first sheet of an XLSX, validate every row, then write.

If any row is invalid nothing is written (unless the caller asks to skip invalid rows);
the whole import is one transaction, so it is never half-written.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ret_desk.db.audit import record
from ret_desk.db.models import Municipality
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import RetDeskError
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.referral import ReferralDraft
from ret_desk.services.import_rows import COLUMNS, FIELD_COLUMNS, RowError, parse_row
from ret_desk.services.intake import draft_problems, write_referral

Progress = Callable[[int, int], bool]
"""Called with (done, total); returning False cancels the import (nothing is written)."""


@dataclass
class ImportReport:
    rows: int = 0
    valid: int = 0
    written: int = 0
    dry_run: bool = False
    cancelled: bool = False
    errors: list[RowError] = field(default_factory=list)


class ImportFileError(RetDeskError):
    """The file itself cannot be read (missing, wrong type, header wrong)."""


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number as the user sees it, values by lower-cased header); header is row 1."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise ImportFileError(f"Het bestand {path} bestaat niet.")
    if suffix == ".csv":
        yield from _read_csv(path)
    elif suffix == ".xlsx":
        yield from _read_xlsx(path)
    else:
        raise ImportFileError("Importeer een .csv- of .xlsx-bestand.")


def _check_header(header: list[str]) -> list[str]:
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise ImportFileError(f"Rij 1 mist de kolom(men): {', '.join(missing)}.")
    return names


def _read_csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
            reader = csv.reader(handle, delimiter=delimiter)
            header = _check_header(next(reader, []))
            for number, row in enumerate(reader, start=2):
                if any(cell.strip() for cell in row):
                    yield number, dict(zip(header, row, strict=False))
    except UnicodeDecodeError as exc:
        raise ImportFileError("Het CSV-bestand is geen UTF-8-tekst.") from exc


def _read_xlsx(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise ImportFileError(f"Het Excel-bestand is niet te lezen: {exc}") from exc
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = _check_header([str(h or "") for h in next(rows, ())])
        for number, row in enumerate(rows, start=2):
            if any(cell not in (None, "") for cell in row):
                yield number, dict(zip(header, row, strict=False))
    finally:
        book.close()


def import_cases(
    *,
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    skip_invalid: bool = False,
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    require(actor.role, Action.IMPORT_CASES)
    today = today or date.today()
    report = ImportReport(dry_run=dry_run)
    with uow:
        session = uow.session
        lookup: dict[str, str] = {}
        for code, name in session.execute(select(Municipality.cbs_code, Municipality.name)):
            lookup[code.upper()] = code
            lookup[name.lower()] = code
        valid: list[ReferralDraft] = []
        seen_numbers: dict[str, int] = {}
        for number, values in read_rows(path):
            report.rows += 1
            draft, errors = parse_row(number, values, lookup)
            if draft is not None:
                errors = [
                    RowError(number, FIELD_COLUMNS.get(e.field, e.field), e.message)
                    for e in draft_problems(session, draft, today, require_school=False)
                ]
                if draft.case_number:
                    first = seen_numbers.setdefault(draft.case_number, number)
                    if first != number:
                        errors.append(RowError(number, "casusnummer", f"Komt ook voor in rij {first}."))
            if errors:
                report.errors.extend(errors)
            else:
                valid.append(draft)
        report.valid = len(valid)
        if dry_run or (report.errors and not skip_invalid):
            return report
        for done, draft in enumerate(valid, start=1):
            write_referral(session, actor, draft, today)
            if progress is not None and done % 100 == 0 and not progress(done, len(valid)):
                report.cancelled = True
                return report  # leaving the block rolls everything back
        report.written = len(valid)
        record(
            session,
            actor,
            "case_import",
            detail=f"{path.name}: {report.written} geschreven, {len(report.errors)} fouten",
        )
        uow.commit()
        return report
