"""`import cases`: read a CSV or the first sheet of an XLSX, validate every row, then write.

If any row is invalid nothing is written (unless the caller asks to skip invalid rows);
the whole import is one transaction, so it is never half-written. A row never changes a
stored youth silently (services.cases.import_identity): `update_youth` lets rows update
the youth with their BSN, `new_youth` confirms that a same-name row is a new youth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from ret_desk.db.audit import record
from ret_desk.db.models import Municipality
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.referral import ReferralDraft
from ret_desk.services.admin.reference import routes_in
from ret_desk.services.cases.import_identity import ImportIdentity
from ret_desk.services.cases.import_rows import COLUMNS, FIELD_COLUMNS, RowError, parse_row
from ret_desk.services.cases.intake import draft_problems, write_referral
from ret_desk.services.table_files import ImportFileError, read_rows

__all__ = ["ImportFileError", "ImportReport", "import_cases"]

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


def import_cases(
    *,
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    skip_invalid: bool = False,
    dry_run: bool = False,
    update_youth: bool = False,
    new_youth: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    require(actor.role, Action.IMPORT_CASES)
    today = today or date.today()
    report = ImportReport(dry_run=dry_run)
    with uow:
        session = uow.session
        lookup: dict[str, str] = {}
        names = []
        for code, name in session.execute(
            select(Municipality.cbs_code, Municipality.name).order_by(Municipality.name)
        ):
            lookup[code.upper()] = code
            lookup[name.lower()] = code
            names.append(name)
        route_keys = tuple(r.key for r in routes_in(session))
        valid: list[ReferralDraft] = []
        seen_numbers: dict[str, int] = {}
        identity = ImportIdentity(session, update_youth=update_youth, new_youth=new_youth)
        for number, values in read_rows(path, COLUMNS):
            report.rows += 1
            draft, errors = parse_row(number, values, lookup, route_keys, tuple(names))
            if draft is not None:
                errors = [
                    RowError(number, FIELD_COLUMNS.get(e.field, e.field), e.message)
                    for e in draft_problems(session, draft, today, require_school=False)
                ]
                if draft.case_number:
                    first = seen_numbers.setdefault(draft.case_number, number)
                    if first != number:
                        errors.append(RowError(number, "casusnummer", f"Komt ook voor in rij {first}."))
                if not errors:
                    errors = identity.check(number, draft)
            if errors:
                report.errors.extend(errors)
            else:
                valid.append(draft)
        report.valid = len(valid)
        for youth_id in sorted(identity.shown):  # an error named this youth's cases
            record(session, actor, "youth_view", youth_id=youth_id, detail="import: mogelijk zelfde jeugdige")
        if dry_run or (report.errors and not skip_invalid):
            uow.commit()  # only the audit events above: validation writes nothing
            return report
        for done, draft in enumerate(valid, start=1):
            write_referral(session, actor, draft, today, take=identity.take)
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
