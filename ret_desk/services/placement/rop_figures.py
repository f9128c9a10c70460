"""The figures of Regie op plaatsing for its workspace and the monitor (DOMAIN rules 8, 9,
11): lead time from request to placement, moves per youth, first-time-right, the share
per ladder rung and the share within the distance limit of each placement's care form.
Counted in SQL where it can be; the per-youth figures and the distance share stream the
placements."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import timedelta
from itertools import groupby

import numpy as np
from sqlalchemy import func, select

from ret_desk.db.base import utcnow
from ret_desk.db.models import Location, LocationOffer, Placement, PlacementRequest, PlacementType
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.distance_limits import care_form_of, limit_for, within
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.placement import EndReason
from ret_desk.domain.placement_history import PlacementFacts, first_time_right, moves
from ret_desk.services.placement.distance import distance_limits
from ret_desk.services.placement.rop_reference import settings


@dataclass(frozen=True, slots=True)
class RopFigures:
    placements: int
    lead_time_median_days: float | None
    lead_time_p90_days: float | None
    youths_placed: int
    moves_per_youth: float | None
    first_time_right_share: float | None
    share_per_rung: dict[str, float]
    within_distance_share: float | None
    #: the limit of verblijf, the usual care form (the share counts each placement against
    #: the limit of its own care form: `distance_limits`)
    distance_limit_km: float | None
    stale_offers: int
    distance_limits: dict[str, float | None] = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


def rop_figures(*, uow: UnitOfWork, actor: Actor) -> RopFigures:
    require(actor.role, Action.VIEW_CAPACITY)
    with uow:
        session = uow.session
        values = settings(session)
        limits = distance_limits(session)
        total = within_count = 0
        for distance, care_form, scarce in session.execute(
            select(Placement.distance_km, PlacementType.care_form, Location.scarce)
            .join(PlacementType, Placement.type_code == PlacementType.code)
            .join(Location, Placement.location_id == Location.id)
            .execution_options(yield_per=1000)
        ):
            total += 1
            within_count += within(distance, limit_for(limits, care_form_of(care_form, scarce)))
        per_rung = session.execute(select(Placement.rung, func.count()).group_by(Placement.rung)).all()
        leads = np.array(
            [
                (started - waiting).days
                for started, waiting in session.execute(
                    select(Placement.started_on, PlacementRequest.waiting_since).join(
                        PlacementRequest, Placement.request_id == PlacementRequest.id
                    )
                )
            ],
            dtype=float,
        )
        youths = ftr = move_count = 0
        rows = session.execute(
            select(
                Placement.youth_id,
                Placement.started_on,
                Placement.ended_on,
                Placement.end_reason,
                Placement.rung,
            )
            .order_by(Placement.youth_id, Placement.started_on)
            .execution_options(yield_per=1000)
        )
        for _, group in groupby(rows, key=lambda r: r.youth_id):
            facts = [
                PlacementFacts(
                    r.started_on, r.ended_on, EndReason(r.end_reason) if r.end_reason else None, r.rung
                )
                for r in group
            ]
            youths += 1
            move_count += moves(facts)
            ftr += bool(first_time_right(facts))
        stale_days = values.get("capacity_stale_days", 14)
        stale = session.scalar(
            select(func.count(LocationOffer.id)).where(
                LocationOffer.updated_at < utcnow() - timedelta(days=stale_days)
            )
        )
        return RopFigures(
            placements=total,
            lead_time_median_days=float(np.median(leads)) if len(leads) else None,
            lead_time_p90_days=float(np.percentile(leads, 90)) if len(leads) else None,
            youths_placed=youths,
            moves_per_youth=round(move_count / youths, 2) if youths else None,
            first_time_right_share=round(ftr / youths, 3) if youths else None,
            share_per_rung={
                (str(rung) if rung is not None else "buiten de ladder"): round(count / total, 3)
                for rung, count in sorted(per_rung, key=lambda r: (r[0] is None, r[0] or 0))
            },
            within_distance_share=round(within_count / total, 3) if total else None,
            distance_limit_km=limits.get("verblijf"),
            distance_limits=limits,
            stale_offers=stale or 0,
        )
