"""The paged case list: filtering, search and sorting in SQL (feeds ui.cases.list_model)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy import Select, func, or_, select, tuple_

from ret_desk.db.audit import record, record_listed
from ret_desk.db.models import Case, Municipality, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.bsn import is_valid_bsn, normalise_bsn
from ret_desk.domain.enums import CaseStatus, GvaTrigger, Urgency, from_mask
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.signals import CaseFacts, SignalCode, evaluate
from ret_desk.services.access.rows import restrict
from ret_desk.services.admin.reference import deadline_terms_in, route_labels_in
from ret_desk.services.cases.signal_filters import signal_condition

MAX_PAGE = 1000


class SortKey(StrEnum):
    NUMBER = "number"
    NAME = "name"
    BIRTH_DATE = "birth_date"
    MUNICIPALITY = "municipality"
    ROUTE = "route"
    STATUS = "status"
    REFERRAL_DATE = "referral_date"
    URGENCY = "urgency"


_SORT_COLUMNS = {
    SortKey.NUMBER: (Case.number,),
    SortKey.NAME: (Youth.family_name, Youth.given_name),
    SortKey.BIRTH_DATE: (Youth.birth_date,),
    SortKey.MUNICIPALITY: (Municipality.name,),
    SortKey.ROUTE: (func.coalesce(Case.current_route, ""),),  # no NULLs: one order on every store
    SortKey.STATUS: (Case.status,),
    SortKey.REFERRAL_DATE: (Case.referral_date,),
    SortKey.URGENCY: (Case.urgency,),
}


@dataclass(frozen=True, slots=True)
class CaseFilter:
    route: str | None = None  # a route key of the store's region
    status: CaseStatus | None = None
    municipality_code: str | None = None
    signal: SignalCode | None = None
    search: str = ""
    open_only: bool = False


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: int
    number: str
    youth_name: str
    birth_date: date
    municipality: str
    route: str | None  # route key
    status: CaseStatus
    referral_date: date
    urgency: Urgency
    version: int
    signals: tuple[SignalCode, ...] = field(default_factory=tuple)
    key: tuple = ()
    """Where this row stands in the sort it was listed in: pass it as `after` for the next page."""
    route_label: str = ""  # the route's Dutch label in the store's region


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(stmt: Select, flt: CaseFilter, today: date, session) -> Select:  # noqa: ANN001
    stmt = stmt.join(Youth, Case.youth_id == Youth.id).join(
        Municipality, Youth.municipality_id == Municipality.id
    )
    stmt = stmt.where(Youth.destroyed_at.is_(None))  # a destroyed dossier is no case to find (issue 12 §3)
    stmt = restrict(session, stmt)  # need-to-know: the caller's rows (issue 12 §2)
    if flt.route is not None:
        stmt = stmt.where(Case.current_route == flt.route)
    if flt.status is not None:
        stmt = stmt.where(Case.status == flt.status.value)
    elif flt.open_only:
        stmt = stmt.where(Case.status != CaseStatus.CLOSED.value)
    if flt.municipality_code:
        stmt = stmt.where(Municipality.cbs_code == flt.municipality_code)
    if flt.signal is not None:
        stmt = stmt.where(signal_condition(flt.signal, deadline_terms_in(session), today))
    text = flt.search.strip()
    digits = normalise_bsn(text)
    if text and is_valid_bsn(digits):
        # A valid BSN is looked up exactly, through its unique index, not by scanning names.
        stmt = stmt.where(Youth.bsn == digits)
    elif text:
        pattern = _like(text)
        full_name = func.lower(Youth.given_name + " " + Youth.family_name)
        stmt = stmt.where(
            or_(
                func.lower(Case.number).like(pattern, escape="\\"),
                full_name.like(pattern, escape="\\"),
                func.lower(Youth.family_name).like(pattern, escape="\\"),
            )
        )
    return stmt


def _describe(flt: CaseFilter) -> str:
    parts = [
        f"{name}={value}"
        for name, value in (
            ("route", flt.route),
            ("status", flt.status),
            ("gemeente", flt.municipality_code),
            ("signaal", flt.signal),
        )
        if value
    ]
    if flt.search.strip():
        # The search text itself may be a name or BSN; the log records that one was used.
        parts.append("zoekopdracht")
    return ", ".join(parts) or "geen filter"


def count_cases(*, uow: UnitOfWork, actor: Actor, flt: CaseFilter, today: date | None = None) -> int:
    require(actor.role, Action.VIEW_CASES)
    today = today or date.today()
    with uow:
        stmt = _filtered(select(func.count(Case.id)), flt, today, uow.session)
        return int(uow.session.scalar(stmt) or 0)


def list_cases(
    *,
    uow: UnitOfWork,
    actor: Actor,
    flt: CaseFilter,
    sort: SortKey = SortKey.REFERRAL_DATE,
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
    today: date | None = None,
    after: tuple | None = None,
    seen: frozenset[int] = frozenset(),
) -> list[CaseRow]:
    """One page of cases. The first page of a query is logged (NEN 7513) as one list read,
    and each case on the page as one `case_in_list` event.

    The next page: `after=` the last row's `key` (keyset: the same cost on every page, and
    no row skipped or shown twice when cases are added meanwhile), or an `offset`.
    `seen`: the case ids this list view (same filter and sort) already showed the viewer
    and logged; a live refresh passes them, so that only the cases new to the viewer are
    logged again (another user's change is not a read by this viewer)."""
    require(actor.role, Action.VIEW_CASES)
    today = today or date.today()
    limit = max(1, min(limit, MAX_PAGE))
    with uow:
        session = uow.session
        terms = deadline_terms_in(session)
        labels = route_labels_in(session)
        keys = (*_SORT_COLUMNS[sort], Case.id)
        order = [c.desc() if descending else c.asc() for c in keys]
        stmt = _filtered(select(Case, Youth, Municipality.name, *keys), flt, today, session)
        if after:
            row_key, last = tuple_(*keys), tuple_(*after)
            stmt = stmt.where(row_key < last if descending else row_key > last)
        stmt = stmt.order_by(*order).offset(offset).limit(limit)
        rows, listed = [], []
        for case, youth, municipality, *key in session.execute(stmt):
            if case.id not in seen:
                listed.append((youth.id, case.id, case.number))
            facts = facts_of(case, youth)
            rows.append(
                CaseRow(
                    id=case.id,
                    number=case.number,
                    youth_name=f"{youth.given_name} {youth.family_name}",
                    birth_date=youth.birth_date,
                    municipality=municipality,
                    route=case.current_route,
                    route_label=labels.get(case.current_route, case.current_route or ""),
                    status=CaseStatus(case.status),
                    referral_date=case.referral_date,
                    urgency=Urgency(case.urgency),
                    version=case.version,
                    signals=tuple(s.code for s in evaluate(facts, terms, today)),
                    key=tuple(key),
                )
            )
        if offset == 0 and not after and not seen:
            record(session, actor, "case_list", detail=f"{_describe(flt)}; {len(rows)} getoond")
        elif offset == 0 and not after and listed:
            detail = f"{_describe(flt)}; ververst, {len(listed)} nieuw getoond"
            record(session, actor, "case_list", detail=detail)
        record_listed(session, actor, listed, detail="casuslijst")  # every page: who saw whom new
        uow.commit()
        return rows


def facts_of(case: Case, youth: Youth) -> CaseFacts:
    return CaseFacts(
        status=CaseStatus(case.status),
        route=case.current_route,
        referral_date=case.referral_date,
        care_started_on=case.care_started_on,
        gva_triggers=from_mask(case.gva_trigger_mask, GvaTrigger),
        gva_present=case.gva_present,
        last_progress_on=case.last_progress_on,
        birth_date=youth.birth_date,
        future_plan=case.future_plan,
    )


@dataclass(frozen=True, slots=True)
class CaseChoice:
    """One case as a picker offers it: number, youth's name and birth date (a candidate for
    a chair's agenda: a description without a name, and no birth date)."""

    number: str
    youth_name: str
    birth_date: date | None


def find_cases(
    *, uow: UnitOfWork, actor: Actor, text: str, limit: int = 20, open_only: bool = True
) -> list[CaseChoice]:
    """Cases whose number, name or BSN matches `text`, for a case picker: searched in SQL,
    at most `limit`, newest first. Logged as one list read; the text itself is not logged."""
    require(actor.role, Action.VIEW_CASES)
    if len(text.strip()) < 2:
        return []
    flt = CaseFilter(search=text, open_only=open_only)
    with uow:
        session = uow.session
        stmt = _filtered(select(Case.number, Youth.given_name, Youth.family_name, Youth.birth_date,
                                Youth.id, Case.id), flt, date.today(), session)  # fmt: skip
        stmt = stmt.order_by(Case.referral_date.desc(), Case.id.desc()).limit(max(1, min(limit, 100)))
        found = session.execute(stmt).all()
        rows = [CaseChoice(n, f"{given} {family}", born) for n, given, family, born, _, _ in found]
        record(session, actor, "case_list", detail=f"casuskiezer, {_describe(flt)}; {len(rows)} getoond")
        record_listed(session, actor, [(y, c, n) for n, _, _, _, y, c in found], detail="casuskiezer")
        uow.commit()
        return rows
