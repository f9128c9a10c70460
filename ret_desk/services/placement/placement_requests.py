"""Placement requests (`PlacementRequest`): the lowest rung that fits (with a reason when
above rung 1), needs and limits; one open request per case; import from a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.audit import record_case, record_listed
from ret_desk.db.models import Case, Municipality, PlacementRequest, PlacementType, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.dutch_numbers import count_noun
from ret_desk.domain.enums import Urgency
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound, RuleViolation
from ret_desk.domain.gva_block import BlockedStep, block_message
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.placement import RequestStatus, SecurityLevel
from ret_desk.domain.placement_rules import (
    days_waiting,
    request_ladder_problems,
    waiting_term,
    waiting_too_long,
)
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.admin.reference import route_kind_of, routes_of_kind
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.cases.gva_gate import case_blocked
from ret_desk.services.imports.cells import RowError, parse_bool, parse_choice, parse_date, text
from ret_desk.services.imports.pipeline import ImportReport, Progress, RowImport, run_import
from ret_desk.services.placement.rop_reference import placement_types, settings

COLUMNS = (
    "casusnummer", "gewenste_startdatum", "urgentie", "plaatsingsvorm", "reden_hogere_trede", "specialismen",
    "beveiliging", "machtiging", "broers_zussen_samen", "max_afstand_km",
)  # fmt: skip
_FIELD_COLUMNS = {
    "type_code": "plaatsingsvorm", "higher_rung_reason": "reden_hogere_trede",
    "sibling_cases": "broers_zussen_samen", "max_distance_km": "max_afstand_km", "case": "casusnummer",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RequestInput:
    desired_start: date
    urgency: Urgency
    type_code: str
    higher_rung_reason: str = ""
    specialisms: frozenset[str] = field(default_factory=frozenset)
    security: SecurityLevel = SecurityLevel.OPEN
    authorisation: bool = False
    sibling_cases: tuple[str, ...] = ()
    school_to_keep: str = ""
    max_distance_km: float | None = None
    contra_indications: str = ""
    #: CBS code of the school's municipality: with a school to keep, distances count from there
    school_municipality: str = ""


def open_request(session: Session, case: Case) -> PlacementRequest | None:
    """The case's request that is still being worked on (open or matched)."""
    return session.scalar(
        select(PlacementRequest).where(
            PlacementRequest.case_id == case.id,
            PlacementRequest.status.in_([RequestStatus.OPEN.value, RequestStatus.MATCHED.value]),
        )
    )


def request_problems(session: Session, case: Case, data: RequestInput) -> list[FieldError]:
    errors = []
    kind = session.get(PlacementType, data.type_code)  # identity map: one query per type per import
    if kind is None:
        errors.append(FieldError("type_code", f"Onbekende plaatsingsvorm '{data.type_code}'."))
    errors += request_ladder_problems(
        type_label=kind.label if kind else "",
        rung=kind.rung if kind else None,
        closed=bool(kind and kind.closed),
        higher_rung_reason=data.higher_rung_reason,
        authorisation=data.authorisation,
        max_distance_km=data.max_distance_km,
    )
    if data.school_municipality:
        names = dict(session.execute(select(Municipality.cbs_code, Municipality.name)).all())
        if data.school_municipality not in names:
            by_name = sorted(names.items(), key=lambda item: item[1])
            allowed = ", ".join(f"{code} ({name})" for code, name in by_name)
            errors.append(
                FieldError(
                    "school_municipality",
                    f"'{data.school_municipality}' is geen gemeente van de regio; kies uit: {allowed}.",
                )
            )
        elif not data.school_to_keep.strip():
            errors.append(FieldError("school_to_keep", "Noem de school die de jeugdige houdt."))
    for number in data.sibling_cases:
        if number == case.number or session.scalar(select(Case.id).where(Case.number == number)) is None:
            errors.append(FieldError("sibling_cases", f"Broer of zus: casus {number} bestaat niet."))
    if open_request(session, case) is not None:
        errors.append(FieldError("case", f"Casus {case.number} heeft al een open plaatsingsverzoek."))
    if case_blocked(case):
        errors.append(FieldError("case", block_message(case.number, BlockedStep.PLACEMENT_REQUEST)))
    if route_kind_of(session, case.current_route) is not RouteKind.PLACEMENT:
        # A request belongs to a placement route (Regie op plaatsing), whatever the region calls it
        routes = ", ".join(r.label for r in routes_of_kind(session, RouteKind.PLACEMENT)) or "geen"
        errors.append(
            FieldError(
                "case",
                f"Casus {case.number} staat niet op een plaatsingsroute (in deze regio: {routes}); "
                "routeer de casus eerst.",
            )
        )
    return errors


def _write(session: Session, actor: Actor, case: Case, data: RequestInput, today: date) -> PlacementRequest:
    kind = session.get(PlacementType, data.type_code)
    request = PlacementRequest(
        case=case,
        desired_start=data.desired_start,
        urgency=data.urgency.value,
        type_code=kind.code,
        rung=kind.rung,
        higher_rung_reason=data.higher_rung_reason.strip(),
        specialisms=", ".join(sorted(s.strip().lower() for s in data.specialisms if s.strip())),
        security=data.security.value,
        authorisation=data.authorisation,
        sibling_cases=", ".join(data.sibling_cases),
        school_to_keep=data.school_to_keep.strip(),
        school_municipality=data.school_municipality,
        max_distance_km=data.max_distance_km,
        contra_indications=data.contra_indications.strip(),
        status=RequestStatus.OPEN.value,
        waiting_since=today,
    )
    session.add(request)
    session.flush()
    record_case(session, actor, "request_create", case, detail=f"{kind.code}, {data.urgency.value}")
    return request


def create_request(
    *, uow: UnitOfWork, actor: Actor, number: str, data: RequestInput, today: date | None = None
) -> int:
    require(actor.role, Action.MANAGE_REQUESTS)
    with uow:
        case = case_by_number(uow.session, number)
        if errors := request_problems(uow.session, case, data):
            raise InvalidInput(errors)
        request = _write(uow.session, actor, case, data, today or date.today())
        uow.commit()
        return request.id


def withdraw_request(*, uow: UnitOfWork, actor: Actor, number: str, reason: str) -> None:
    require(actor.role, Action.MANAGE_REQUESTS)
    with uow:
        case = case_by_number(uow.session, number)
        request = open_request(uow.session, case)
        if request is None:
            raise NotFound(f"Casus {number} heeft geen open plaatsingsverzoek.")
        if not reason.strip():
            raise InvalidInput([FieldError("reason", "Geef een reden om het verzoek in te trekken.")])
        request.status = RequestStatus.WITHDRAWN.value
        uow.flush()
        record_case(uow.session, actor, "request_withdraw", case, detail=reason.strip()[:200])
        uow.commit()


@dataclass(frozen=True, slots=True)
class RequestRow:
    id: int
    case_number: str
    municipality: str
    type_code: str
    rung: int | None
    urgency: Urgency
    status: RequestStatus
    waiting_since: date
    days_waiting: int
    overdue: bool  # REQUEST_WAITING: past the region's term for its urgency
    scarce_flag: bool  # a gesloten type: coordinated above the region (3Noord)
    type_label: str = ""  # the placement type's Dutch label, for the window
    case_id: int = 0  # the case's id, for `seen` (a live refresh logs only new cases)


def list_requests(
    *,
    uow: UnitOfWork,
    actor: Actor,
    statuses: tuple[RequestStatus, ...] = (RequestStatus.OPEN, RequestStatus.MATCHED),
    today: date | None = None,
    seen: frozenset[int] = frozenset(),
) -> list[RequestRow]:
    """Requests being worked on, longest waiting first. Shows case numbers, no names; each
    case shown is logged (`case_in_list`, NEN 7513), except the case ids in `seen`: those
    this viewer's open list already showed (a live refresh logs only the new ones)."""
    require(actor.role, Action.VIEW_CAPACITY)
    today = today or date.today()
    with uow:
        terms = settings(uow.session)
        kinds = placement_types(uow.session)
        query = (
            select(PlacementRequest, Case.number, Municipality.name, Case.youth_id)
            .join(Case, PlacementRequest.case_id == Case.id)
            .join(Youth, Case.youth_id == Youth.id)
            .join(Municipality, Youth.municipality_id == Municipality.id)
            .where(PlacementRequest.status.in_([s.value for s in statuses]))
            .order_by(PlacementRequest.waiting_since, PlacementRequest.id)
        )
        rows, listed = [], []
        for request, number, municipality, youth_id in uow.session.execute(query):
            if request.case_id not in seen:
                listed.append((youth_id, request.case_id, number))
            urgency = Urgency(request.urgency)
            days = days_waiting(request.waiting_since, today)
            rows.append(
                RequestRow(
                    request.id,
                    number,
                    municipality,
                    request.type_code,
                    request.rung,
                    urgency,
                    RequestStatus(request.status),
                    request.waiting_since,
                    days,
                    request.status == RequestStatus.OPEN.value
                    and waiting_too_long(request.waiting_since, today, waiting_term(terms, urgency)),
                    kinds[request.type_code].closed,
                    kinds[request.type_code].label,
                    request.case_id,
                )  # fmt: skip
            )
        record_listed(uow.session, actor, listed, detail="plaatsingsverzoeken")
        uow.commit()
        return rows


def _parse(number: int, values: dict[str, Any]) -> tuple[str, RequestInput | None, list[RowError]]:
    errors: list[RowError] = []
    got: dict[str, Any] = {}
    parsers = {
        "gewenste_startdatum": parse_date,
        "urgentie": lambda v: parse_choice(v, Urgency),
        "plaatsingsvorm": lambda v: text(v).lower(),
        "reden_hogere_trede": text,
        "specialismen": lambda v: frozenset(s.strip().lower() for s in text(v).split(",") if s.strip()),
        "beveiliging": lambda v: parse_choice(v or "open", SecurityLevel),
        "machtiging": parse_bool,
        "broers_zussen_samen": lambda v: tuple(
            s.strip() for s in text(v).replace(";", ",").split(",") if s.strip()
        ),
        "max_afstand_km": lambda v: float(text(v).replace(",", ".")) if text(v) else None,
    }
    for column, parse in parsers.items():
        try:
            got[column] = parse(values.get(column))
        except ValueError as exc:
            message = (
                str(exc)
                if "could not convert" not in str(exc)
                else f"'{text(values.get(column))}' is geen getal."
            )
            errors.append(RowError(number, column, message))
    case_number = text(values.get("casusnummer"))
    if not case_number:
        errors.append(RowError(number, "casusnummer", "Verplicht."))
    if errors:
        return case_number, None, errors
    g = got
    data = RequestInput(
        g["gewenste_startdatum"], g["urgentie"], g["plaatsingsvorm"], g["reden_hogere_trede"],
        g["specialismen"], g["beveiliging"], g["machtiging"], g["broers_zussen_samen"], "",
        g["max_afstand_km"],
    )  # fmt: skip
    return case_number, data, []


class RequestRows(RowImport[tuple[Case, RequestInput]]):
    columns = COLUMNS
    audit_action = "request_import"
    text_columns = {  # noqa: RUF012 (read only)
        "casusnummer": Case.number, "reden_hogere_trede": PlacementRequest.higher_rung_reason,
        "specialismen": PlacementRequest.specialisms, "broers_zussen_samen": PlacementRequest.sibling_cases,
    }  # fmt: skip

    def __init__(self, today: date) -> None:
        self._today = today
        self._seen: dict[str, int] = {}

    def check(
        self, session: Session, number: int, values: dict[str, Any]
    ) -> tuple[tuple[Case, RequestInput] | None, list[RowError]]:
        case_number, data, errors = _parse(number, values)
        if data is None:
            return None, errors
        case = session.scalar(select(Case).where(Case.number == case_number))
        if case is None:
            return None, [RowError(number, "casusnummer", f"Casus {case_number} bestaat niet.")]
        errors = [
            RowError(number, _FIELD_COLUMNS.get(e.field, e.field), e.message)
            for e in request_problems(session, case, data)
        ]
        first = self._seen.setdefault(case_number, number)
        if first != number:
            errors.append(RowError(number, "casusnummer", f"Komt ook voor in rij {first}."))
        return (case, data), errors

    def write(self, session: Session, actor: Actor, item: tuple[Case, RequestInput]) -> None:
        _write(session, actor, item[0], item[1], self._today)

    def audit_detail(self, report: ImportReport, path: Path) -> str:
        return f"{path.name}: {count_noun(report.written, 'verzoek', 'verzoeken')}"


def import_requests(
    *,
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    skip_invalid: bool = False,
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate every row first; nothing is written on any error unless skip_invalid."""
    require(actor.role, Action.MANAGE_REQUESTS)
    rows = RequestRows(today or date.today())
    return run_import(
        uow=uow,
        actor=actor,
        path=path,
        rows=rows,
        skip_invalid=skip_invalid,
        dry_run=dry_run,
        progress=progress,
    )


def request_by_case(session: Session, number: str) -> PlacementRequest:
    case = case_by_number(session, number)
    request = open_request(session, case)
    if request is None:
        raise RuleViolation(f"Casus {case.number} heeft geen open plaatsingsverzoek.")
    return request
