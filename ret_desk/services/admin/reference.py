"""Reference data for pick lists and rules: municipalities and deadline terms."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.models import DeadlineSetting, Municipality
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.deadlines import DeadlineTerms


@dataclass(frozen=True, slots=True)
class MunicipalityItem:
    cbs_code: str
    name: str


def municipalities(*, uow: UnitOfWork) -> list[MunicipalityItem]:
    with uow:
        rows = uow.session.execute(
            select(Municipality.cbs_code, Municipality.name).order_by(Municipality.name)
        )
        return [MunicipalityItem(code, name) for code, name in rows]


def deadline_terms_in(session: Session) -> dict[str, DeadlineTerms]:
    rows = session.scalars(select(DeadlineSetting))
    return {r.route_key: DeadlineTerms(r.start_days, r.no_progress_months) for r in rows}
