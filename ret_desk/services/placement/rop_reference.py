"""Reference data of Regie op plaatsing as the services use it: placement types with their
rung, the match weights and the region's settings (all stored as data)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.models import MatchWeight, PlacementType, RegionSetting
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import FieldError, InvalidInput
from ret_desk.domain.matching import Weights
from ret_desk.domain.permissions import Action, require


def weights(session: Session) -> Weights:
    return Weights.from_mapping(dict(session.execute(select(MatchWeight.name, MatchWeight.value)).all()))


def settings(session: Session) -> dict[str, float]:
    return dict(session.execute(select(RegionSetting.key, RegionSetting.value)).all())


def placement_types(session: Session) -> dict[str, PlacementType]:
    return {
        t.code: t
        for t in session.scalars(select(PlacementType).order_by(PlacementType.rung, PlacementType.code))
    }


def placement_type(session: Session, code: str, field: str = "type") -> PlacementType:
    found = session.get(PlacementType, code.strip().lower())
    if found is None:
        known = ", ".join(sorted(placement_types(session)))
        raise InvalidInput([FieldError(field, f"Onbekende plaatsingsvorm '{code}'; kies uit: {known}.")])
    return found


def type_choices(*, uow: UnitOfWork, actor: Actor) -> list[tuple[str, str]]:
    """(label, code) of every placement type, lowest rung first, for the app's lists."""
    require(actor.role, Action.VIEW_CAPACITY)
    with uow:
        return [(f"{t.label} (trede {t.rung or '—'})", t.code) for t in placement_types(uow.session).values()]
