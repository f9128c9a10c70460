"""`export cases`: write cases in the import's own columns, so an export can be re-imported.

Rows stream from the store in batches; the export is logged as a read (NEN 7513), with
one `case_in_list` event per exported case naming its youth.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select

from ret_desk.db.audit import record, record_listed
from ret_desk.db.models import Case, Municipality, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import GvaTrigger, TargetGroup, from_mask
from ret_desk.domain.permissions import Action, require
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
    partial = path.with_name(path.name + ".deel")
    count = 0
    seen: list[tuple[int, int, str]] = []
    with uow:
        if suffix == ".csv":
            with partial.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(COLUMNS)
                for row in _rows(uow.session, seen):
                    writer.writerow(row)
                    count += 1
        else:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("Casussen")
            sheet.append(list(COLUMNS))
            for row in _rows(uow.session, seen):
                sheet.append(row)
                count += 1
            book.save(partial)
        # Write to a side file first, so a failed export never leaves half a file.
        partial.replace(path)
        record(uow.session, actor, "case_export", detail=f"{path.name}: {count} casussen")
        record_listed(uow.session, actor, seen, detail=f"export {path.name}")
        uow.commit()
    return count
