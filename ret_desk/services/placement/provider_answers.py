"""The provider's answer to a logged match: accepted, or declined with a reason (which
reopens the request for a new match)."""

from __future__ import annotations

from sqlalchemy import select

from ret_desk.db.audit import record_case
from ret_desk.db.models import Location, MatchDecision
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.placement import RequestStatus


def record_provider_answer(
    *, uow: UnitOfWork, actor: Actor, decision_id: int, accepted: bool, reason: str = ""
) -> None:
    """The provider accepts, or declines with a reason (the request opens again)."""
    require(actor.role, Action.MATCH_PLACEMENTS)
    if not accepted and not reason.strip():
        raise InvalidInput([FieldError("reason", "Geef de reden waarom de aanbieder afwijst.")])
    with uow:
        decision = uow.session.get(MatchDecision, decision_id)
        if decision is None:
            raise NotFound(f"Matchbesluit {decision_id} bestaat niet.")
        decision.provider_answer = "akkoord" if accepted else "afgewezen"
        decision.decline_reason = reason.strip()
        if not accepted and decision.request.status == RequestStatus.MATCHED.value:
            decision.request.status = RequestStatus.OPEN.value
        uow.flush()
        record_case(
            uow.session, actor, "match_answer", decision.request.case, detail=decision.provider_answer
        )
        uow.commit()


def latest_decision(*, uow: UnitOfWork, actor: Actor, request_id: int) -> tuple[int, str, str] | None:
    """(id, location name, provider answer) of the request's newest match decision."""
    require(actor.role, Action.MATCH_PLACEMENTS)
    with uow:
        row = uow.session.execute(
            select(MatchDecision.id, Location.name, MatchDecision.provider_answer)
            .join(Location, MatchDecision.location_id == Location.id)
            .where(MatchDecision.request_id == request_id)
            .order_by(MatchDecision.id.desc())
            .limit(1)
        ).first()
        return tuple(row) if row else None
