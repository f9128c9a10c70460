"""The region's distance limits applied to a youth's request and placements: the limit per
care form (region settings `distance_limit_<form>_km`) and the point a distance counts from
(home, or the school's municipality when the request keeps the school; domain/distance_limits)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.models import Municipality, PlacementRequest, RegionSetting, Youth
from ret_desk.domain.distance_limits import Origin, origin
from ret_desk.domain.region_file import CARE_FORMS


def distance_limits(session: Session) -> dict[str, float | None]:
    """Care form → km; a form without a setting has no limit."""
    values = dict(session.execute(select(RegionSetting.key, RegionSetting.value)).all())
    return {form: values.get(f"distance_limit_{form}_km") for form in CARE_FORMS}


def _point(
    session: Session, municipality_id: int | None = None, code: str = ""
) -> tuple[float, float] | None:
    if municipality_id is not None:
        row = session.get(Municipality, municipality_id)
    elif code:
        row = session.scalar(select(Municipality).where(Municipality.cbs_code == code))
    else:
        row = None
    return (row.latitude, row.longitude) if row is not None else None


def origin_of(session: Session, youth: Youth, request: PlacementRequest | None) -> Origin:
    """Where distances count from for this youth and (open) request."""
    keep = request is not None and bool(request.school_to_keep.strip())
    school = _point(session, code=request.school_municipality) if request is not None else None
    return origin(_point(session, youth.municipality_id), school, keep)
