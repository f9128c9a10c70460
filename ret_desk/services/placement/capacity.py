"""The capacity board: every location and placement type with free places, waiting time
and how fresh the data is; filtered and paged in SQL. Edits are versioned and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, or_, select, tuple_

from ret_desk.db.audit import record
from ret_desk.db.base import utcnow
from ret_desk.db.models import Location, LocationOffer, PlacementType, Provider
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound, StaleEdit
from ret_desk.domain.permissions import Action, require
from ret_desk.services.placement.rop_reference import settings


@dataclass(frozen=True, slots=True)
class CapacityFilter:
    type_code: str | None = None
    municipality: str | None = None
    specialism: str | None = None
    scarce: str | None = None
    only_free: bool = False
    search: str = ""


@dataclass(frozen=True, slots=True)
class CapacityRow:
    offer_id: int
    version: int
    provider: str
    location: str
    location_agb: str
    municipality: str
    type_code: str
    type_label: str
    rung: int | None
    places_total: int
    places_free: int
    waiting_days: int
    age_min: int
    age_max: int
    gender: str
    specialisms: str
    security: str
    siblings_together: bool
    scarce: str
    updated_at: datetime
    updated_by: str
    stale: bool

    @property
    def key(self) -> tuple:
        """Where this row stands in the board's order: `after=` for the next page."""
        return (self.municipality, self.location, self.type_code, self.offer_id)


def _query(flt: CapacityFilter) -> Select:
    query = (
        select(LocationOffer, Location, Provider.name, PlacementType.label, PlacementType.rung)
        .join(Location, LocationOffer.location_id == Location.id)
        .join(Provider, Location.provider_id == Provider.id)
        .join(PlacementType, LocationOffer.type_code == PlacementType.code)
    )
    if flt.type_code:
        query = query.where(LocationOffer.type_code == flt.type_code)
    if flt.municipality:
        query = query.where(Location.municipality == flt.municipality)
    if flt.specialism:
        # Specialisms are a comma list; match a whole item, not part of a word.
        item = flt.specialism.strip().lower()
        padded = "," + func.replace(LocationOffer.specialisms, ", ", ",") + ","
        query = query.where(padded.like(f"%,{item},%"))
    if flt.scarce is not None:
        query = query.where(Location.scarce == flt.scarce)
    if flt.only_free:
        query = query.where(LocationOffer.places_free > 0)
    if flt.search.strip():
        term = f"%{flt.search.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(Location.name).like(term),
                func.lower(Provider.name).like(term),
                Location.agb == flt.search.strip(),
            )
        )
    return query


def list_capacity(
    *,
    uow: UnitOfWork,
    actor: Actor,
    flt: CapacityFilter,
    offset: int = 0,
    limit: int = 200,
    now: datetime | None = None,
    after: tuple | None = None,
) -> list[CapacityRow]:
    """One page of the board; the next one `after=` the last row's `key` (keyset), or at an offset."""
    require(actor.role, Action.VIEW_CAPACITY)
    now = now or utcnow()
    with uow:
        stale_before = now - timedelta(days=settings(uow.session).get("capacity_stale_days", 14))
        keys = (Location.municipality, Location.name, LocationOffer.type_code, LocationOffer.id)
        query = _query(flt).order_by(*keys)
        if after:
            query = query.where(tuple_(*keys) > tuple_(*after))
        rows = uow.session.execute(query.offset(offset).limit(limit)).all()
        return [
            CapacityRow(
                offer_id=o.id,
                version=o.version,
                provider=provider,
                location=loc.name,
                location_agb=loc.agb,
                municipality=loc.municipality,
                type_code=o.type_code,
                type_label=label,
                rung=rung,
                places_total=o.places_total,
                places_free=o.places_free,
                waiting_days=o.waiting_days,
                age_min=o.age_min,
                age_max=o.age_max,
                gender=o.gender,
                specialisms=o.specialisms,
                security=o.security,
                siblings_together=loc.siblings_together,
                scarce=loc.scarce,
                updated_at=o.updated_at,
                updated_by=o.updated_by,
                stale=o.updated_at < stale_before,
            )
            for o, loc, provider, label, rung in rows
        ]


def count_capacity(*, uow: UnitOfWork, actor: Actor, flt: CapacityFilter) -> int:
    require(actor.role, Action.VIEW_CAPACITY)
    with uow:
        return uow.session.scalar(select(func.count()).select_from(_query(flt).subquery())) or 0


def capacity_choices(*, uow: UnitOfWork, actor: Actor) -> dict[str, list[str]]:
    """What the board's filters offer: municipalities and specialisms in use."""
    require(actor.role, Action.VIEW_CAPACITY)
    with uow:
        municipalities = list(
            uow.session.scalars(select(Location.municipality).distinct().order_by(Location.municipality))
        )
        lists = uow.session.scalars(select(LocationOffer.specialisms).distinct())
        specialisms = sorted({s.strip() for value in lists for s in value.split(",") if s.strip()})
        return {"municipalities": municipalities, "specialisms": specialisms}


def update_capacity(
    *,
    uow: UnitOfWork,
    actor: Actor,
    offer_id: int,
    places_free: int,
    places_total: int | None = None,
    waiting_days: int | None = None,
    expected_version: int | None = None,
) -> int:
    """Set free places (and optionally total and waiting time); returns the new version."""
    require(actor.role, Action.EDIT_CAPACITY)
    with uow:
        offer = uow.session.get(LocationOffer, offer_id)
        if offer is None:
            raise NotFound(f"Aanbod {offer_id} bestaat niet.")
        if expected_version is not None and offer.version != expected_version:
            raise StaleEdit(
                "Iemand anders heeft deze capaciteit intussen gewijzigd; laad het overzicht opnieuw."
            )
        total = offer.places_total if places_total is None else places_total
        waiting = offer.waiting_days if waiting_days is None else waiting_days
        errors = []
        if total < 0 or not 0 <= places_free <= total:
            errors.append(
                FieldError("places_free", f"Vrije plekken moet tussen 0 en het totaal ({total}) liggen.")
            )
        if total < offer.places_taken:  # friendly; the store's CHECK is the last word
            errors.append(
                FieldError(
                    "places_total",
                    f"Er lopen hier {offer.places_taken} plaatsingen; het totaal kan niet lager "
                    "(regel: nooit meer plaatsingen dan plekken).",
                )
            )
        if waiting < 0:
            errors.append(FieldError("waiting_days", "De wachttijd kan niet negatief zijn."))
        if errors:
            raise InvalidInput(errors)
        before = f"{offer.places_free}/{offer.places_total}, {offer.waiting_days} d"
        offer.places_free, offer.places_total, offer.waiting_days = places_free, total, waiting
        offer.updated_at, offer.updated_by = utcnow(), actor.username
        uow.flush()
        record(
            uow.session,
            actor,
            "capacity_edit",
            detail=f"{offer.location.agb} {offer.type_code}: {before} -> {places_free}/{total}, {waiting} d",
        )
        uow.commit()
        return offer.version
