"""The placement side of one case, for its detail and `match NUMMER --log`: the youth's
placements with their end reasons, the case's placement requests, and every logged match
decision with its rank, score, top-5 snapshot and rationale. Also the correction of a
placement's end (reason and date) by placement staff, with a reason, audited."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.audit import record_case
from ret_desk.db.models import Case, Location, MatchDecision, Note, Placement, PlacementRequest, PlacementType
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Urgency
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound, StaleEdit
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.placement import EndReason, RequestStatus
from ret_desk.services.cases.case_lookup import case_by_number


@dataclass(frozen=True, slots=True)
class PlacementLine:
    id: int
    version: int
    location: str
    location_agb: str
    placement_type: str
    type_label: str
    started_on: date
    ended_on: date | None
    end_reason: EndReason | None
    stopgap: bool


@dataclass(frozen=True, slots=True)
class RequestLine:
    id: int
    desired_start: date
    urgency: Urgency
    placement_type: str
    status: RequestStatus
    waiting_since: date


@dataclass(frozen=True, slots=True)
class SnapshotLine:
    rank: int
    location_agb: str
    location: str
    placement_type: str
    score: float
    distance_km: float


@dataclass(frozen=True, slots=True)
class DecisionLine:
    id: int
    at: datetime
    by: str
    location: str
    location_agb: str
    placement_type: str
    rank: int
    score: float
    rationale: str
    provider_answer: str
    decline_reason: str
    request_status: RequestStatus
    snapshot: tuple[SnapshotLine, ...]

    @property
    def placeable(self) -> bool:
        """A match that has not been placed, withdrawn or declined yet can be placed."""
        return self.request_status is RequestStatus.MATCHED and self.provider_answer != "afgewezen"

    def to_json(self) -> dict:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["request_status"] = self.request_status.value
        data["snapshot"] = [asdict(s) for s in self.snapshot]
        return data


@dataclass(frozen=True, slots=True)
class CasePicture:
    case_number: str
    placements: tuple[PlacementLine, ...]
    requests: tuple[RequestLine, ...]
    decisions: tuple[DecisionLine, ...]


def _placements(session: Session, case: Case) -> tuple[PlacementLine, ...]:
    rows = session.execute(
        select(Placement, Location.name, Location.agb, PlacementType.label)
        .join(Location, Placement.location_id == Location.id)
        .join(PlacementType, Placement.type_code == PlacementType.code)
        .where(Placement.youth_id == case.youth_id)
        .order_by(Placement.started_on.desc(), Placement.id.desc())
    )
    return tuple(
        PlacementLine(
            p.id,
            p.version,
            name,
            agb,
            p.type_code,
            label,
            p.started_on,
            p.ended_on,
            EndReason(p.end_reason) if p.end_reason else None,
            p.stopgap,
        )  # fmt: skip
        for p, name, agb, label in rows
    )


def _requests(session: Session, case: Case) -> tuple[RequestLine, ...]:
    rows = session.scalars(
        select(PlacementRequest)
        .where(PlacementRequest.case_id == case.id)
        .order_by(PlacementRequest.id.desc())
    )
    return tuple(
        RequestLine(
            r.id, r.desired_start, Urgency(r.urgency), r.type_code, RequestStatus(r.status), r.waiting_since
        )  # fmt: skip
        for r in rows
    )


def _decisions(session: Session, case: Case) -> tuple[DecisionLine, ...]:
    rows = session.execute(
        select(MatchDecision, Location.name, Location.agb, PlacementRequest.status)
        .join(Location, MatchDecision.location_id == Location.id)
        .join(PlacementRequest, MatchDecision.request_id == PlacementRequest.id)
        .where(PlacementRequest.case_id == case.id)
        .order_by(MatchDecision.at.desc(), MatchDecision.id.desc())
    ).all()
    snapshots = {d.id: json.loads(d.snapshot or "[]") for d, *_ in rows}
    agbs = {s["location_agb"] for snap in snapshots.values() for s in snap}
    names = dict(session.execute(select(Location.agb, Location.name).where(Location.agb.in_(agbs))).all())
    return tuple(
        DecisionLine(
            d.id,
            d.at,
            d.by_name,
            name,
            agb,
            d.type_code,
            d.rank,
            d.score,
            d.rationale,
            d.provider_answer,
            d.decline_reason,
            RequestStatus(status),
            tuple(
                SnapshotLine(
                    s["rank"],
                    s["location_agb"],
                    names.get(s["location_agb"], ""),
                    s["placement_type"],
                    s["score"],
                    s["distance_km"],
                )
                for s in snapshots[d.id]
            ),
        )  # fmt: skip
        for d, name, agb, status in rows
    )


def picture_of(session: Session, case: Case) -> CasePicture:
    """Placements, requests and match decisions of `case`, inside a read the caller logs
    (the dossier export of issue 12 §3 holds them all)."""
    return CasePicture(
        case.number, _placements(session, case), _requests(session, case), _decisions(session, case)
    )


def case_picture(*, uow: UnitOfWork, actor: Actor, number: str) -> CasePicture:
    """Placements, requests and match decisions of case `number`; the read is logged."""
    require(actor.role, Action.VIEW_CASES)
    with uow:
        session = uow.session
        case = case_by_number(session, number)
        picture = picture_of(session, case)
        record_case(session, actor, "case_view", case, detail="plaatsingen, verzoeken en matchbesluiten")
        uow.commit()
        return picture


def match_log(*, uow: UnitOfWork, actor: Actor, number: str) -> tuple[DecisionLine, ...]:
    """The logged match decisions of case `number`, newest first; the read is logged."""
    require(actor.role, Action.VIEW_CASES)
    with uow:
        case = case_by_number(uow.session, number)
        decisions = _decisions(uow.session, case)
        record_case(uow.session, actor, "match_view", case, detail=f"matchbesluiten: {len(decisions)}")
        uow.commit()
        return decisions


def correct_placement_end(
    *,
    uow: UnitOfWork,
    actor: Actor,
    placement_id: int,
    expected_version: int | None,
    ended_on: date,
    reason: EndReason,
    why: str,
    today: date | None = None,
) -> int:
    """Correct an ended placement's end date and reason. The why is kept as a working
    note on the case (the youth may read it); the audit event holds only the codes.
    Returns the placement's new version."""
    require(actor.role, Action.RECORD_PLACEMENTS)
    errors = []
    if not why.strip():
        errors.append(FieldError("why", "Geef de reden van de correctie."))
    if ended_on > (today or date.today()):
        errors.append(FieldError("ended_on", "De einddatum ligt niet in de toekomst."))
    if errors:
        raise InvalidInput(errors)
    with uow:
        session = uow.session
        placement = session.get(Placement, placement_id)
        if placement is None:
            raise NotFound(f"Plaatsing {placement_id} bestaat niet.")
        if expected_version is not None and placement.version != expected_version:
            raise StaleEdit()
        if placement.ended_on is None:
            raise InvalidInput([FieldError("ended_on", "Deze plaatsing loopt nog; beëindig haar eerst.")])
        if ended_on < placement.started_on:
            raise InvalidInput([FieldError("ended_on", "De einddatum ligt vóór het begin van de plaatsing.")])
        case = session.get(Case, placement.case_id)
        old = f"{placement.end_reason} {placement.ended_on.isoformat()}"
        where = session.get(Location, placement.location_id).name
        placement.ended_on, placement.end_reason = ended_on, reason.value
        session.add(
            Note(
                case=case, noted_on=today or date.today(), author_account_id=actor.account_id,
                author_name=actor.username,
                text=f"Einde van de plaatsing bij {where} gecorrigeerd naar {ended_on:%d-%m-%Y}, "
                f"{reason.label.lower()}. Reden: {why.strip()}",
            )
        )  # fmt: skip
        session.flush()
        record_case(
            session, actor, "placement_correct", case,
            detail=f"plaatsing {placement_id}: {old} -> {reason.value} {ended_on.isoformat()}",
        )  # fmt: skip
        uow.commit()
        return placement.version
