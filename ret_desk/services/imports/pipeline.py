"""The one import pipeline every importer runs on.

    report = run_import(uow=uow, actor=actor, path=path, rows=CaseRows(...), dry_run=...)

1. **Read safely** (services.imports.table_files, xlsx_file): a CSV or the first sheet of
   an XLSX, within caps checked before the reading; a file that cannot be read, or a
   hostile one, is one ImportFileError with a Dutch message naming the row and column.
2. **Validate every row**, collecting every error by row and column (`RowError`): first
   the checks every row passes (services.imports.row_guard: control characters, lengths
   from the model's columns, cells beyond the header), then the importer's `check`, which
   never raises for a bad row and never sees a row that failed the first checks.
3. **Report**: the ImportReport holds the counts and every error. On a dry run, or on
   any error without `skip_invalid`, nothing is written.
4. **Write** the valid rows in one transaction, telling `progress(done, total)` as it
   goes; the callback returning False raises the one `Cancelled`, the transaction rolls
   back, and the report says `cancelled` (nothing is half-written).
5. **Audit**: one event for the import as a whole, besides the importer's own.

An importer is a `RowImport`: its columns, how to check one row, how to write one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy.orm import Session

from ret_desk.db.audit import record
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.dutch_numbers import count_noun
from ret_desk.domain.errors import Cancelled
from ret_desk.domain.progress import Progress, every, report_progress
from ret_desk.services.imports.cells import RowError
from ret_desk.services.imports.row_guard import limits_of, row_errors
from ret_desk.services.imports.table_files import read_rows

__all__ = ["ImportReport", "Progress", "RowImport", "run_import"]

Item = TypeVar("Item")


@dataclass
class ImportReport:
    rows: int = 0
    valid: int = 0
    written: int = 0
    dry_run: bool = False
    cancelled: bool = False
    errors: list[RowError] = field(default_factory=list)


class RowImport(Generic[Item]):
    """What one kind of import brings to the pipeline. Subclasses set the class
    attributes and implement `check` and `write`; the other hooks are optional."""

    #: The columns row 1 must name (lower case).
    columns: tuple[str, ...] = ()
    #: The audit action of the import as a whole (ret_desk.domain.audit_actions).
    audit_action: str = ""
    #: Progress is reported after every this many written rows, and after the last.
    progress_every: int = 100
    #: Import column → the model attribute its text is stored in (e.g. Youth.family_name):
    #: the longest value it takes, and whether it holds line breaks (a Text column).
    text_columns: ClassVar[dict[str, Any]] = {}

    def prepare(self, session: Session) -> None:
        """Before the first row: load what checking needs (lookups, reference data)."""

    def check(
        self, session: Session, number: int, values: dict[str, Any]
    ) -> tuple[Item | None, list[RowError]]:
        """One row (`number` as the user sees it): the item to write, or every error."""
        raise NotImplementedError

    def checked(self, session: Session, actor: Actor) -> None:
        """After validation: audit what the checks read of a child's data."""

    def write(self, session: Session, actor: Actor, item: Item) -> None:
        raise NotImplementedError

    def audit_detail(self, report: ImportReport, path: Path) -> str:
        return f"{path.name}: {report.written} geschreven, {count_noun(len(report.errors), 'fout', 'fouten')}"


def run_import(
    *,
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    rows: RowImport[Any],
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate every row of `path`, then write the valid ones unless this is a dry run
    or a row is invalid (and `skip_invalid` is not set). The caller checks the role."""
    report = ImportReport(dry_run=dry_run)
    try:
        with uow:
            session = uow.session
            rows.prepare(session)
            valid = _validate(session, path, rows, report)
            rows.checked(session, actor)
            if dry_run or (report.errors and not skip_invalid):
                uow.commit()  # only the importer's read audit: validation writes nothing
                return report
            for done, item in enumerate(valid, start=1):
                rows.write(session, actor, item)
                if every(rows.progress_every, done, len(valid)):
                    report_progress(progress, done, len(valid))
            report.written = len(valid)
            record(session, actor, rows.audit_action, detail=rows.audit_detail(report, path))
            uow.commit()
    except Cancelled:  # leaving the block rolled everything back
        report.cancelled, report.written = True, 0
    return report


def _validate(session: Session, path: Path, rows: RowImport[Any], report: ImportReport) -> list[Any]:
    valid = []
    limits = limits_of(rows.text_columns, parsed=rows.columns)
    for row in read_rows(path, rows.columns):
        report.rows += 1
        errors = row_errors(row, limits)
        item = None
        if not errors:
            item, errors = rows.check(session, row.number, row.values)
        if errors:
            report.errors.extend(errors)
        else:
            valid.append(item)
    report.valid = len(valid)
    return valid
