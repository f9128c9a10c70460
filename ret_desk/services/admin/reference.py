"""Reference data for pick lists and rules: municipalities, the region's routes (key, label,
kind, terms) and deadline terms. Code keys behaviour on a route's kind (`route_kind_of`),
never on its key: which routes a region has is data."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.models import DeadlineSetting, Municipality, RegionSetting, Route
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.deadlines import DeadlineTerms
from ret_desk.domain.errors import FieldError, InvalidInput
from ret_desk.domain.route_kinds import RouteKind


@dataclass(frozen=True, slots=True)
class MunicipalityItem:
    cbs_code: str
    name: str


@dataclass(frozen=True, slots=True)
class RouteItem:
    """One route of the store's region."""

    key: str
    label: str
    label_en: str
    kind: RouteKind
    #: start_days, no_progress_months and the kind-specific terms (ro3_review_days, ...)
    terms: dict[str, int]


def municipalities(*, uow: UnitOfWork) -> list[MunicipalityItem]:
    with uow:
        rows = uow.session.execute(
            select(Municipality.cbs_code, Municipality.name).order_by(Municipality.name)
        )
        return [MunicipalityItem(code, name) for code, name in rows]


def _item(row: Route, settings: dict[str, float]) -> RouteItem:
    terms = {"start_days": row.start_days, "no_progress_months": row.no_progress_months}
    for name, value in json.loads(row.extra_terms or "{}").items():
        # a kind-specific term lives on as a region setting, where the administrator edits it
        terms[name] = int(settings.get(name, value))
    return RouteItem(row.key, row.label, row.label_en, RouteKind(row.kind), terms)


def _settings(session: Session) -> dict[str, float]:
    return dict(session.execute(select(RegionSetting.key, RegionSetting.value)).all())


def routes_in(session: Session) -> list[RouteItem]:
    """The region's routes in the region file's order."""
    settings = _settings(session)
    return [_item(r, settings) for r in session.scalars(select(Route).order_by(Route.position, Route.key))]


def routes(*, uow: UnitOfWork) -> list[RouteItem]:
    """The region's routes, for pick lists and filters (no personal data: not audited)."""
    with uow:
        return routes_in(uow.session)


def route_in(session: Session, key: str | None) -> RouteItem | None:
    row = session.get(Route, key) if key else None
    return _item(row, _settings(session)) if row is not None else None


def route_kind_of(session: Session, key: str | None) -> RouteKind | None:
    """The kind of route `key` (None for no route, or a key the region does not have).
    Replaces the old `Route(key).kind`. Through the session's identity map: a case's
    records ask this for every route in its history, and only the first ask queries."""
    row = session.get(Route, key) if key else None
    return RouteKind(row.kind) if row is not None else None


def route_label_in(session: Session, key: str | None, none: str = "geen") -> str:
    """The Dutch label of route `key`; `none` when there is no route; the key itself for a
    key the region no longer has (so old history stays readable)."""
    row = session.get(Route, key) if key else None
    return row.label if row is not None else (key or none)


def route_labels_in(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Route.key, Route.label)).all())


def route_term(session: Session, key: str | None, name: str) -> int | None:
    """One term of route `key` (e.g. `ro3_review_days`), None when the region sets none."""
    item = route_in(session, key)
    return item.terms.get(name) if item is not None else None


def term_of_kind(session: Session, kind: RouteKind, name: str) -> int | None:
    """A kind-specific term (e.g. `ro3_review_days` of the CASUSREGIE route) from the first
    route of `kind` that sets it; for a record whose case has since moved to another route."""
    return next((r.terms[name] for r in routes_of_kind(session, kind) if name in r.terms), None)


def routes_of_kind(session: Session, kind: RouteKind) -> list[RouteItem]:
    return [r for r in routes_in(session) if r.kind is kind]


def check_route(session: Session, key: str, field: str = "route") -> RouteItem:
    """The route `key`, or InvalidInput naming the region's route keys."""
    item = route_in(session, key)
    if item is None:
        allowed = ", ".join(r.key for r in routes_in(session))
        raise InvalidInput([FieldError(field, f"Onbekende route '{key}'. Kies uit: {allowed}.")])
    return item


def advice_table_label(session: Session) -> str:
    """The label of the region's advice-table route (Drenthe: Experttafel), for messages."""
    tables = routes_of_kind(session, RouteKind.ADVICE_TABLE)
    return tables[0].label if tables else "Experttafel"


def deadline_terms_in(session: Session) -> dict[str, DeadlineTerms]:
    """Per route key (and UNROUTED): the start and no-progress terms."""
    terms = {r.key: DeadlineTerms(r.start_days, r.no_progress_months) for r in session.scalars(select(Route))}
    for r in session.scalars(select(DeadlineSetting)):
        terms[r.route_key] = DeadlineTerms(r.start_days, r.no_progress_months)
    return terms
