"""Retention (issue 12 §3): the dossiers past their term, for `ret-desk retention due` and
the Beheer workspace's "Bewaartermijnen" tab. Only ids, case numbers and dates, never a
name or BSN: the administrator sees no child's data (on PostgreSQL it reads them through
`ret_retention_candidates()`). Each listing is one `retention_due` event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ret_desk.db import retention_data
from ret_desk.db.audit import record
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.retention import RetentionTerms, describe, due_on


@dataclass(frozen=True, slots=True)
class DueRow:
    """One dossier past its term. `to_json` keys are documented in docs/privacy.md."""

    youth_id: int
    case_numbers: tuple[str, ...]
    legal_framework: str
    last_change: date
    term_years: int
    term: str
    due_since: date

    def to_json(self) -> dict:
        return {
            "youth_id": self.youth_id,
            "case_numbers": list(self.case_numbers),
            "legal_framework": self.legal_framework,
            "last_change": self.last_change.isoformat(),
            "term_years": self.term_years,
            "term": self.term,
            "due_since": self.due_since.isoformat(),
        }


def retention_due(*, uow: UnitOfWork, actor: Actor, today: date | None = None) -> list[DueRow]:
    """The dossiers whose term has ended by `today` (default: today), the longest overdue
    first. A dossier is due on the day its term ends: 20 years after a last change on
    1 March 2006 it is due from 1 March 2026."""
    require(actor.role, Action.VIEW_RETENTION)
    today = today or date.today()
    with uow:
        session = uow.session
        terms = RetentionTerms.from_settings(retention_data.region_settings(session))
        rows = []
        for c in retention_data.candidates(session):
            term = terms.term(c.legal_framework)
            due = due_on(term, c.last_change, c.birth_year)
            if due <= today:
                rows.append(
                    DueRow(
                        c.youth_id,
                        c.case_numbers,
                        c.legal_framework,
                        c.last_change,
                        term.years,
                        describe(term),
                        due,
                    )  # fmt: skip
                )
        rows.sort(key=lambda r: (r.due_since, r.youth_id))
        record(session, actor, "retention_due", detail=f"{len(rows)} dossier(s) over de bewaartermijn")
        uow.commit()
    return rows


def retention_page(
    *, uow: UnitOfWork, actor: Actor, offset: int = 0, limit: int = 200, today: date | None = None
) -> tuple[list[DueRow], int]:
    """One page of the list, and the total, for the paged model of the Beheer tab."""
    rows = retention_due(uow=uow, actor=actor, today=today)
    return rows[offset : offset + limit], len(rows)
