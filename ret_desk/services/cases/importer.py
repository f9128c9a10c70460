"""`import cases`: read a CSV or the first sheet of an XLSX, validate every row, then write
(on the one pipeline, services.imports.pipeline).

If any row is invalid nothing is written (unless the caller asks to skip invalid rows);
the whole import is one transaction, so it is never half-written. A row never changes a
stored youth silently (services.cases.import_identity): `update_youth` lets rows update
the youth with their BSN, `new_youth` confirms that a same-name row is a new youth.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.audit import record
from ret_desk.db.models import Case, Municipality, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.referral import ReferralDraft
from ret_desk.services.admin.reference import routes_in
from ret_desk.services.cases.import_identity import ImportIdentity
from ret_desk.services.cases.import_rows import COLUMNS, FIELD_COLUMNS, RowError, parse_row
from ret_desk.services.cases.intake import draft_problems, write_referral
from ret_desk.services.imports.pipeline import ImportReport, Progress, RowImport, run_import
from ret_desk.services.imports.table_files import ImportFileError

__all__ = ["ImportFileError", "ImportReport", "Progress", "import_cases"]


class CaseRows(RowImport[ReferralDraft]):
    columns = COLUMNS
    audit_action = "case_import"
    progress_every = 100
    text_columns = {  # noqa: RUF012 (read only)
        "casusnummer": Case.number, "achternaam": Youth.family_name, "voornaam": Youth.given_name,
        "verwijzer_organisatie": Case.referrer_organisation, "hulpvraag": Case.help_question,
        "gemeente": Municipality.name,
    }  # fmt: skip

    def __init__(self, *, today: date, update_youth: bool, new_youth: bool) -> None:
        self._today = today
        self._update, self._new = update_youth, new_youth
        self._municipalities: dict[str, str] = {}
        self._names: tuple[str, ...] = ()  # the region's municipalities, named in a refusal
        self._routes: tuple[str, ...] = ()  # the region's route keys (issue 9)
        self._seen_numbers: dict[str, int] = {}

    def prepare(self, session: Session) -> None:
        names = []
        for code, name in session.execute(
            select(Municipality.cbs_code, Municipality.name).order_by(Municipality.name)
        ):
            self._municipalities[code.upper()] = code
            self._municipalities[name.lower()] = code
            names.append(name)
        self._names = tuple(names)
        self._routes = tuple(r.key for r in routes_in(session))
        self.identity = ImportIdentity(session, update_youth=self._update, new_youth=self._new)

    def check(
        self, session: Session, number: int, values: dict[str, Any]
    ) -> tuple[ReferralDraft | None, list[RowError]]:
        draft, errors = parse_row(number, values, self._municipalities, self._routes, self._names)
        if draft is None:
            return None, errors
        errors = [
            RowError(number, FIELD_COLUMNS.get(e.field, e.field), e.message)
            for e in draft_problems(session, draft, self._today, require_school=False)
        ]
        if draft.case_number:
            first = self._seen_numbers.setdefault(draft.case_number, number)
            if first != number:
                errors.append(RowError(number, "casusnummer", f"Komt ook voor in rij {first}."))
        if not errors:
            errors = self.identity.check(number, draft)
        return draft, errors

    def checked(self, session: Session, actor: Actor) -> None:
        for youth_id in sorted(self.identity.shown):  # an error named this youth's cases
            record(session, actor, "youth_view", youth_id=youth_id, detail="import: mogelijk zelfde jeugdige")

    def write(self, session: Session, actor: Actor, item: ReferralDraft) -> None:
        write_referral(session, actor, item, self._today, take=self.identity.take)


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
    rows = CaseRows(today=today or date.today(), update_youth=update_youth, new_youth=new_youth)
    return run_import(
        uow=uow,
        actor=actor,
        path=path,
        rows=rows,
        skip_invalid=skip_invalid,
        dry_run=dry_run,
        progress=progress,
    )
