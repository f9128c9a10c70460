"""Finding a case to start with (issue 12 §2): the candidates for an agenda are the cases on
a route of the advice-table kind. A chair sees them before they are theirs, so only
pseudonymised: case number, municipality, age in years, referral date, status, urgency. No
name, BSN, birth date, address or free text; searched by case number only. On PostgreSQL
a chair may read a candidate's case row (migration 0010) but not its youth; the age and
municipality come with the case's youth through the same query, as the owner sees them,
only for candidates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ret_desk.db.audit import record, record_listed
from ret_desk.db.models import Case, Municipality, Route, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.dates import age_in_years
from ret_desk.domain.dutch_dates import short_date
from ret_desk.domain.enums import CaseStatus, Urgency
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.route_kinds import RouteKind


@dataclass(frozen=True, slots=True)
class Candidate:
    number: str
    municipality: str
    age: int
    referral_date: date
    status: CaseStatus
    urgency: Urgency

    @property
    def description(self) -> str:
        """ "14 jaar, Assen, aangemeld 3-2-2026, urgentie hoog": who, without a name."""
        return (
            f"{self.age} jaar, {self.municipality}, aangemeld {short_date(self.referral_date)}, "
            f"urgentie {self.urgency.label.lower()}"
        )


def agenda_candidates(
    *, uow: UnitOfWork, actor: Actor, text: str = "", limit: int = 50, today: date | None = None
) -> list[Candidate]:
    """Open cases on an advice-table route, newest first; `text` narrows by case number."""
    require(actor.role, Action.PROPOSE_AGENDA)
    today = today or date.today()
    tables = select(Route.key).where(Route.kind == RouteKind.ADVICE_TABLE.value)
    stmt = (
        select(
            Case.number,
            Municipality.name,
            Youth.birth_date,
            Case.referral_date,
            Case.status,
            Case.urgency,
            Youth.id,
            Case.id,
        )  # fmt: skip
        .join(Youth, Case.youth_id == Youth.id)
        .join(Municipality, Youth.municipality_id == Municipality.id)
        .where(Case.current_route.in_(tables), Case.status != CaseStatus.CLOSED.value)
        .where(Youth.destroyed_at.is_(None))
        .order_by(Case.referral_date.desc(), Case.id.desc())
        .limit(max(1, min(limit, 200)))
    )
    if text.strip():
        escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(func.lower(Case.number).like(f"%{escaped}%", escape="\\"))
    with uow:
        session = uow.session
        found = session.execute(stmt).all()
        rows = [
            Candidate(n, m, age_in_years(born, today), referred, CaseStatus(status), Urgency(urgency))
            for n, m, born, referred, status, urgency, _, _ in found
        ]
        record(
            session, actor, "case_list", detail=f"kandidaten voor de agenda (gepseudonimiseerd); {len(rows)}"
        )
        record_listed(
            session, actor, [(y, c, n) for n, *_, y, c in found], detail="kandidaten voor de agenda"
        )
        uow.commit()
        return rows
