"""Placements: start (ending a running one as a move, with its reason), end with a coded
reason, and the youth's history. Every placement comes with a logged match decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ret_desk.db.audit import record_case
from ret_desk.db.models import (
    Case,
    Location,
    LocationOffer,
    Placement,
    PlacementRequest,
    PlacementType,
    Youth,
)
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.distance_limits import FROM_HOME, FROM_SCHOOL, care_form_of, limit_for, within
from ret_desk.domain.dutch_numbers import decimal
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound, RuleViolation
from ret_desk.domain.geo import distance_km
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.placement import EndReason, RequestStatus
from ret_desk.domain.placement_history import PlacementFacts, days_per_rung, first_time_right, moves
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.placement.distance import distance_limits, origin_of
from ret_desk.services.placement.match import decide
from ret_desk.services.placement.placement_requests import open_request
from ret_desk.services.placement.rop_reference import placement_type


def running_placement(session: Session, youth_id: int) -> Placement | None:
    return session.scalar(
        select(Placement).where(Placement.youth_id == youth_id, Placement.ended_on.is_(None))
    )


def _take_free_place(session: Session, location_id: int, type_code: str) -> None:
    """Take a free place of an offer, in the database itself.

    The arithmetic runs in SQL (`SET places_free = places_free - 1`), not on values read
    earlier: a concurrent writer waits for the row and then counts from the committed
    value, so the CHECK "free never below zero" refuses the one too many. The count of
    running placements (places_taken, "never more placements than places") is the store's
    own: triggers on placement keep it (migration 0007). Ending a placement gives back its
    count only; the free places stay as the provider reports them."""
    session.execute(
        update(LocationOffer)
        .where(LocationOffer.location_id == location_id, LocationOffer.type_code == type_code)
        .values(places_free=LocationOffer.places_free - 1, version=LocationOffer.version + 1)
        .execution_options(synchronize_session="fetch")
    )


def _end(
    session: Session, actor: Actor, case: Case, placement: Placement, on: date, reason: EndReason
) -> None:
    if on < placement.started_on:
        raise InvalidInput([FieldError("date", "De einddatum ligt vóór het begin van de plaatsing.")])
    placement.ended_on, placement.end_reason = on, reason.value
    session.flush()  # the store's trigger gives back the count of running placements
    record_case(session, actor, "placement_end", case, detail=reason.value)


def start_placement(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    location_agb: str,
    type_code: str,
    started_on: date,
    rationale: str = "",
    move_reason: EndReason | None = None,
    stopgap: bool = False,
) -> int:
    """Place the youth of case `number`. A running placement ends on `started_on` as a
    move, for which `move_reason` is required. With an open request, the choice is logged
    as a match decision first (rationale required unless it is rank 1 on the right rung)."""
    require(actor.role, Action.RECORD_PLACEMENTS)
    with uow:
        session = uow.session
        case = case_by_number(session, number)
        kind = placement_type(session, type_code)
        offer = session.scalar(
            select(LocationOffer)
            .join(Location)
            .where(Location.agb == location_agb, LocationOffer.type_code == kind.code)
        )
        if offer is None:
            raise NotFound(f"Locatie {location_agb} biedt geen {kind.label.lower()} aan.")
        request = open_request(session, case)
        request_id = request.id if request else None
        type_code, rung = kind.code, kind.rung
        if request is not None and request.status == RequestStatus.OPEN.value:
            # Every match is logged with its reasons; this also checks that the place fits.
            # In this same transaction: a refusal below leaves no decision and no status.
            require(actor.role, Action.MATCH_PLACEMENTS)
            decide(uow, actor, number, location_agb, type_code, rationale, started_on)
        if offer.places_free <= 0:  # the friendly check; the store's CHECK is the last word
            raise RuleViolation(
                f"Regel: vrije plekken nooit onder nul. {offer.location.name} heeft geen vrije plek "
                f"({kind.label.lower()}); kies een andere plek of werk de capaciteit bij."
            )
        running = running_placement(session, case.youth_id)
        if running is not None:
            if move_reason is None:
                where = session.get(Location, running.location_id).name
                raise RuleViolation(
                    "Regel: één lopende plaatsing per jeugdige. "
                    f"Er loopt al een plaatsing bij {where} sinds {running.started_on:%d-%m-%Y}. Geef "
                    "de reden waarom die eindigt: deze nieuwe plaatsing is een doorplaatsing."
                )
            _end(session, actor, case, running, started_on, move_reason)
        youth = session.get(Youth, case.youth_id)
        start = origin_of(session, youth, session.get(PlacementRequest, request_id) if request_id else None)
        location = offer.location
        placement = Placement(
            case_id=case.id,
            youth_id=youth.id,
            request_id=request_id,
            location_id=location.id,
            type_code=type_code,
            rung=rung,
            started_on=started_on,
            distance_km=round(distance_km(start.lat, start.lon, location.latitude, location.longitude), 1),
            distance_from=start.place,
            stopgap=stopgap,
            rationale=rationale.strip(),
        )
        session.add(placement)
        # The running placement first: one per youth (a unique index); the store's trigger
        # counts it (never more placements than places), then the free place is taken.
        session.flush()
        _take_free_place(session, location.id, type_code)
        if request_id is not None:
            session.get(PlacementRequest, request_id).status = RequestStatus.PLACED.value
        session.flush()
        record_case(session, actor, "placement_start", case, detail=f"{location_agb} {type_code}")
        uow.commit()
        return placement.id


def end_placement(*, uow: UnitOfWork, actor: Actor, number: str, ended_on: date, reason: EndReason) -> None:
    require(actor.role, Action.RECORD_PLACEMENTS)
    with uow:
        case = case_by_number(uow.session, number)
        running = running_placement(uow.session, case.youth_id)
        if running is None:
            raise RuleViolation(f"De jeugdige van casus {case.number} heeft geen lopende plaatsing.")
        _end(uow.session, actor, case, running, ended_on, reason)
        uow.commit()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    location: str
    location_agb: str
    placement_type: str
    type_label: str
    rung: int | None
    started_on: date
    ended_on: date | None
    end_reason: EndReason | None
    days: int
    distance_km: float
    stopgap: bool
    distance_from: str = FROM_HOME
    #: the limit of this placement's care form (None: no limit, e.g. LTA care)
    distance_limit_km: float | None = None


@dataclass(frozen=True, slots=True)
class PlacementHistory:
    case_number: str
    timeline: tuple[TimelineEntry, ...]
    moves: int
    first_time_right: bool | None
    days_per_rung: dict[str, int]
    signals: tuple[tuple[str, str], ...]

    def to_json(self) -> dict:
        return {
            "case": self.case_number,
            "placements": [
                {
                    "location": e.location,
                    "location_agb": e.location_agb,
                    "placement_type": e.placement_type,
                    "rung": e.rung,
                    "started_on": e.started_on.isoformat(),
                    "ended_on": e.ended_on.isoformat() if e.ended_on else None,
                    "end_reason": e.end_reason.value if e.end_reason else None,
                    "days": e.days,
                    "distance_km": e.distance_km,
                    "stopgap": e.stopgap,
                }  # fmt: skip
                for e in self.timeline
            ],
            "moves": self.moves,
            "first_time_right": self.first_time_right,
            "days_per_rung": self.days_per_rung,
            "signals": [{"code": c, "message": m} for c, m in self.signals],
        }


def placement_signals(entries: tuple[TimelineEntry, ...]) -> tuple[tuple[str, str], ...]:
    """STOPGAP_PLACEMENT and DISTANCE_EXCEEDED (beyond its care form's limit) for the running
    placement."""
    found = []
    for e in entries:
        if e.ended_on is not None:
            continue
        if e.stopgap:
            found.append(
                ("STOPGAP_PLACEMENT", f"Noodoplossing loopt sinds {e.started_on:%d-%m-%Y} bij {e.location}.")
            )
        if not within(e.distance_km, e.distance_limit_km):
            where = "van school" if e.distance_from == FROM_SCHOOL else "van huis"
            found.append(
                (
                    "DISTANCE_EXCEEDED",
                    f"{e.location} ligt {decimal(e.distance_km)} km {where}; "
                    f"de grens is {decimal(e.distance_limit_km)} km.",
                )
            )
    return tuple(found)


def youth_history(session: Session, case: Case, today: date) -> PlacementHistory:
    limits = distance_limits(session)
    rows = session.execute(
        select(
            Placement,
            Location.name,
            Location.agb,
            PlacementType.label,
            PlacementType.care_form,
            Location.scarce,
        )
        .join(Location, Placement.location_id == Location.id)
        .join(PlacementType, Placement.type_code == PlacementType.code)
        .where(Placement.youth_id == case.youth_id)
        .order_by(Placement.started_on, Placement.id)
    ).all()
    entries = tuple(
        TimelineEntry(
            name,
            agb,
            p.type_code,
            label,
            p.rung,
            p.started_on,
            p.ended_on,
            EndReason(p.end_reason) if p.end_reason else None,
            ((p.ended_on or today) - p.started_on).days,
            p.distance_km,
            p.stopgap,
            p.distance_from,
            limit_for(limits, care_form_of(care_form, scarce)),
        )  # fmt: skip
        for p, name, agb, label, care_form, scarce in rows
    )
    facts = [PlacementFacts(e.started_on, e.ended_on, e.end_reason, e.rung) for e in entries]
    return PlacementHistory(
        case.number, entries, moves(facts), first_time_right(facts), days_per_rung(facts, today),
        placement_signals(entries),
    )  # fmt: skip


def placement_history(
    *, uow: UnitOfWork, actor: Actor, number: str, today: date | None = None
) -> PlacementHistory:
    require(actor.role, Action.VIEW_CASES)
    with uow:
        case = case_by_number(uow.session, number)
        history = youth_history(uow.session, case, today or date.today())
        record_case(uow.session, actor, "case_view", case, detail="plaatsingshistorie")
        uow.commit()
        return history
