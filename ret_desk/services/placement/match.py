"""Matching as the staff use it: the explained ranking for one case's open request, the
batch proposal for all open requests, and the log of every match decision."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ret_desk.db.audit import record, record_case
from ret_desk.db.base import utcnow
from ret_desk.db.models import (
    Case,
    Location,
    LocationOffer,
    MatchDecision,
    PlacementRequest,
    PlacementType,
    Youth,
)
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.batch_matching import propose
from ret_desk.domain.dates import age_in_years
from ret_desk.domain.enums import Urgency
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound, RuleViolation
from ret_desk.domain.matching import MatchResult, Offer, OfferTable, RequestFacts, rank
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.placement import GenderRule, RequestStatus, SecurityLevel
from ret_desk.domain.placement_rules import rationale_needed_because
from ret_desk.domain.progress import Progress, every, report_progress
from ret_desk.services.placement.distance import origin_of
from ret_desk.services.placement.placement_requests import request_by_case
from ret_desk.services.placement.rop_reference import placement_types, weights

SNAPSHOT_SIZE = 5


def offer_table(session: Session, now: datetime | None = None) -> OfferTable:
    """Every offer of every location, as the matcher's table (one query, plain columns)."""
    now = now or utcnow()
    query = (
        select(
            LocationOffer.id,
            Location.name,
            Location.agb,
            LocationOffer.type_code,
            PlacementType.rung,
            PlacementType.closed,
            LocationOffer.places_free,
            LocationOffer.waiting_days,
            LocationOffer.age_min,
            LocationOffer.age_max,
            LocationOffer.gender,
            LocationOffer.specialisms,
            LocationOffer.security,
            Location.siblings_together,
            Location.latitude,
            Location.longitude,
            LocationOffer.updated_at,
        )  # fmt: skip
        .join(Location, LocationOffer.location_id == Location.id)
        .join(PlacementType, LocationOffer.type_code == PlacementType.code)
        .order_by(LocationOffer.id)
    )
    offers = []
    for row in session.execute(query):
        offers.append(
            Offer(
                id=row.id,
                location=row.name,
                location_agb=row.agb,
                type_code=row.type_code,
                rung=row.rung,
                free=row.places_free,
                waiting_days=row.waiting_days,
                age_min=row.age_min,
                age_max=row.age_max,
                gender=GenderRule(row.gender),
                specialisms=frozenset(s.strip() for s in row.specialisms.split(",") if s.strip()),
                security=SecurityLevel(row.security),
                siblings_together=row.siblings_together,
                lat=row.latitude,
                lon=row.longitude,
                data_age_days=max(0, (now - row.updated_at).days),
                closed_type=row.closed,
            )  # fmt: skip
        )
    return OfferTable(offers)


_tables: dict[str, tuple[tuple, OfferTable]] = {}
_tables_lock = threading.Lock()


def current_offer_table(session: Session) -> OfferTable:
    """The offer table, rebuilt only when capacity changed (or a day passed, since data
    age counts in days). Matching runs far more often than capacity changes, and loading
    thousands of offers costs more than ranking them."""
    fingerprint = (
        *session.execute(
            select(
                func.count(LocationOffer.id), func.max(LocationOffer.updated_at),
                func.sum(LocationOffer.version), func.sum(Location.version), func.max(Location.id),
            ).join(Location, LocationOffer.location_id == Location.id)
        ).one(),
        date.today(),
    )  # fmt: skip
    key = str(session.get_bind().url)
    with _tables_lock:
        cached = _tables.get(key)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
    table = offer_table(session)
    with _tables_lock:
        _tables[key] = (fingerprint, table)
    return table


def request_facts(session: Session, request: PlacementRequest, today: date) -> RequestFacts:
    youth = session.get(Youth, request.case.youth_id)
    start = origin_of(session, youth, request)  # home, or the school's municipality when it is kept
    return RequestFacts(
        type_code=request.type_code,
        rung=request.rung,
        age=age_in_years(youth.birth_date, today),
        gender=youth.gender,
        specialisms=frozenset(s.strip() for s in request.specialisms.split(",") if s.strip()),
        security=SecurityLevel(request.security),
        authorisation=request.authorisation,
        siblings=len([s for s in request.sibling_cases.split(",") if s.strip()]),
        max_distance_km=request.max_distance_km,
        home_lat=start.lat,
        home_lon=start.lon,
    )


def request_json(request: PlacementRequest, case_number: str) -> dict:
    return {
        "case": case_number,
        "placement_type": request.type_code,
        "rung": request.rung,
        "urgency": request.urgency,
        "desired_start": request.desired_start.isoformat(),
        "specialisms": [s.strip() for s in request.specialisms.split(",") if s.strip()],
        "security": request.security,
        "authorisation": request.authorisation,
        "sibling_cases": [s.strip() for s in request.sibling_cases.split(",") if s.strip()],
        "max_distance_km": request.max_distance_km,
        "status": request.status,
        "waiting_since": request.waiting_since.isoformat(),
    }


@dataclass(frozen=True, slots=True)
class MatchView:
    request_id: int
    request: dict
    result: MatchResult
    #: placement type code → Dutch label, for the window (JSON keeps the codes)
    type_labels: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "request": self.request,
            "candidates": [
                {
                    "location": c.offer.location,
                    "location_agb": c.offer.location_agb,
                    "placement_type": c.offer.type_code,
                    "rank": c.rank,
                    "score": c.score,
                    "components": c.components,
                    "distance_km": c.distance_km,
                }
                for c in self.result.candidates
            ],
            "excluded": [
                {
                    "location": e.offer.location,
                    "location_agb": e.offer.location_agb,
                    "placement_type": e.offer.type_code,
                    "reasons": [r.value for r in e.reasons],
                }
                for e in self.result.excluded
            ],
        }


def _match(session: Session, request: PlacementRequest, today: date) -> MatchResult:
    return rank(request_facts(session, request, today), current_offer_table(session), weights(session))


def match_case(*, uow: UnitOfWork, actor: Actor, number: str, today: date | None = None) -> MatchView:
    """The ranked, explained candidates for the open request of case `number` (a read of
    the youth's data: logged)."""
    require(actor.role, Action.MATCH_PLACEMENTS)
    today = today or date.today()
    with uow:
        request = request_by_case(uow.session, number)
        view = MatchView(
            request.id,
            request_json(request, request.case.number),
            _match(uow.session, request, today),
            {code: kind.label for code, kind in placement_types(uow.session).items()},
        )
        record_case(
            uow.session, actor, "match_view", request.case, detail=f"{len(view.result.candidates)} kandidaten"
        )
        uow.commit()
        return view


def log_decision(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    location_agb: str,
    type_code: str,
    rationale: str = "",
    today: date | None = None,
) -> int:
    """Log the choice of a place for the case's open request, with its rank and a snapshot
    of the top candidates. A rationale is required unless it is rank 1 on the requested rung."""
    require(actor.role, Action.MATCH_PLACEMENTS)
    with uow:
        decision_id = decide(uow, actor, number, location_agb, type_code, rationale, today or date.today())
        uow.commit()
        return decision_id


def decide(
    uow: UnitOfWork, actor: Actor, number: str, location_agb: str, type_code: str, rationale: str, today: date
) -> int:
    """The match decision inside the caller's transaction (no commit): log_decision commits
    it on its own; start_placement commits it with the placement, so a refusal leaves none."""
    session = uow.session
    request = request_by_case(session, number)
    result = _match(session, request, today)
    chosen = next(
        (
            c
            for c in result.candidates
            if c.offer.location_agb == location_agb and c.offer.type_code == type_code
        ),
        None,
    )
    if chosen is None:
        excluded = next(
            (
                e
                for e in result.excluded
                if e.offer.location_agb == location_agb and e.offer.type_code == type_code
            ),
            None,
        )
        if excluded is None:
            raise NotFound(f"Locatie {location_agb} biedt geen {type_code} aan.")
        reasons = ", ".join(r.label for r in excluded.reasons)
        raise RuleViolation(f"Deze plek valt af voor dit verzoek: {reasons}.")
    why = rationale_needed_because(chosen.rank, chosen.offer.rung, request.rung)
    if why is not None and not rationale.strip():
        raise InvalidInput([FieldError("rationale", f"Leg vast waarom deze keuze ({why}) de beste is.")])
    top = list(result.candidates[:SNAPSHOT_SIZE])
    if chosen not in top:
        top.append(chosen)
    snapshot = [
        {"location_agb": c.offer.location_agb, "placement_type": c.offer.type_code, "rank": c.rank,
         "score": c.score, "components": c.components, "distance_km": c.distance_km}
        for c in top
    ]  # fmt: skip
    location_id = session.scalar(select(Location.id).where(Location.agb == location_agb))
    decision = MatchDecision(
        request=request,
        by_account_id=actor.account_id,
        by_name=actor.username,
        location_id=location_id,
        type_code=type_code,
        rank=chosen.rank,
        score=chosen.score,
        snapshot=json.dumps(snapshot, ensure_ascii=False),
        rationale=rationale.strip(),
    )
    session.add(decision)
    request.status = RequestStatus.MATCHED.value
    uow.flush()
    record_case(
        session,
        actor,
        "match_decision",
        request.case,
        detail=f"{location_agb} {type_code}, rang {chosen.rank}",
    )
    return decision.id


@dataclass(frozen=True, slots=True)
class ProposalRow:
    request_id: int
    case_number: str
    urgency: Urgency
    location: str
    location_agb: str
    placement_type: str
    rank: int
    score: float
    placement_type_label: str = ""  # for the window; JSON keeps the code

    def to_json(self) -> dict:
        return {
            "case": self.case_number, "urgency": self.urgency.value, "location": self.location,
            "location_agb": self.location_agb, "placement_type": self.placement_type, "rank": self.rank,
            "score": self.score,
        }  # fmt: skip


def batch_proposal(
    *,
    uow: UnitOfWork,
    actor: Actor,
    today: date | None = None,
    progress: Progress | None = None,
) -> tuple[list[ProposalRow], list[str]]:
    """A proposal for every open request at once: (proposals, case numbers with no fit).
    Staff then accept (log_decision) or reject each line. `progress(done, total)`
    answering False raises domain.errors.Cancelled; nothing is written or logged."""
    require(actor.role, Action.MATCH_PLACEMENTS)
    today = today or date.today()
    with uow:
        session = uow.session
        requests = list(
            session.scalars(
                select(PlacementRequest)
                .join(Case)
                .where(PlacementRequest.status == RequestStatus.OPEN.value)
                .order_by(PlacementRequest.waiting_since, PlacementRequest.id)
            )
        )
        table, w = current_offer_table(session), weights(session)
        facts = []
        for done, request in enumerate(requests, start=1):
            facts.append((request_facts(session, request, today), Urgency(request.urgency)))
            if every(50, done, len(requests)):
                report_progress(progress, done, len(requests))  # may raise Cancelled: nothing written
        proposals = propose(facts, table, w)
        labels = {code: kind.label for code, kind in placement_types(session).items()}
        rows = [
            ProposalRow(
                requests[p.request_index].id,
                requests[p.request_index].case.number,
                facts[p.request_index][1],
                table.offers[p.offer_index].location,
                table.offers[p.offer_index].location_agb,
                table.offers[p.offer_index].type_code,
                p.rank,
                p.score,
                labels.get(table.offers[p.offer_index].type_code, ""),
            )  # fmt: skip
            for p in proposals
        ]
        for request in requests:  # each request's youth (age, gender, home) was read
            record_case(session, actor, "match_view", request.case, detail="batchvoorstel")
        placed = {p.request_index for p in proposals}
        unmatched = [r.case.number for i, r in enumerate(requests) if i not in placed]
        record(
            session,
            actor,
            "match_batch",
            detail=f"{len(rows)} voorstellen, {len(unmatched)} zonder passende plek",
        )
        uow.commit()
        return rows, unmatched
