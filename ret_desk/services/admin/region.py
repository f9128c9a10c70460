"""The store's region as a whole: what `ret-desk region show` prints (name, routes,
municipalities, terms, placement types, distance limits), choosing the region of a new store
and changing it while the store holds no cases (`ret-desk db upgrade --region`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ret_desk.db import region_data
from ret_desk.db.audit import record
from ret_desk.db.models import DeadlineSetting, Municipality, PlacementType, Region, RegionSetting
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.deadlines import UNROUTED
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.region_file import CARE_FORMS, RegionSpec
from ret_desk.domain.retention import RetentionTerms
from ret_desk.services.admin.reference import routes_in

DEFAULT_REGION = region_data.DEFAULT_REGION


@dataclass(frozen=True, slots=True)
class RegionInfo:
    code: str
    name: str
    routes: list[dict]
    municipalities: list[dict]
    unrouted: dict[str, int]
    placement_types: list[dict]
    #: care form → km, None: no limit
    distance_limits: dict[str, float | None]
    #: the retention terms in a region file's words (issue 12 §3)
    retention: dict | None = None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "code": self.code,
            "routes": self.routes,
            "municipalities": self.municipalities,
            "unrouted": self.unrouted,
            "placement_types": self.placement_types,
            "distance_limits": self.distance_limits,
            **({"retention": self.retention} if self.retention is not None else {}),
        }


def shipped_regions() -> list[str]:
    return region_data.shipped_regions()


def read_region(name_or_path: str) -> RegionSpec:
    """A shipped region (drenthe, flevoland, rijnmond) or a region file, checked as a whole;
    RegionFileError names every error."""
    return region_data.read_region(name_or_path)


def region_name(*, uow: UnitOfWork) -> str:
    """The name of the store's region, for the texts that need it ('' when none yet)."""
    with uow:
        return uow.session.scalar(select(Region.name).limit(1)) or ""


def region_info(*, uow: UnitOfWork) -> RegionInfo:
    """The store's region (reference data, no personal data: not audited)."""
    with uow:
        session = uow.session
        region = session.scalar(select(Region).limit(1))
        unrouted = session.get(DeadlineSetting, UNROUTED)
        settings = dict(session.execute(select(RegionSetting.key, RegionSetting.value)).all())
        return RegionInfo(
            code=region.code if region else "",
            name=region.name if region else "",
            routes=[
                {
                    "key": r.key,
                    "label": r.label,
                    "label_en": r.label_en,
                    "kind": r.kind.value,
                    "terms": r.terms,
                }
                for r in routes_in(session)
            ],
            municipalities=[
                {"code": m.cbs_code, "name": m.name, "lat": m.latitude, "lon": m.longitude}
                for m in session.scalars(select(Municipality).order_by(Municipality.name))
            ],
            unrouted=(
                {"start_days": unrouted.start_days, "no_progress_months": unrouted.no_progress_months}
                if unrouted
                else {}
            ),
            placement_types=[
                {
                    "code": t.code,
                    "label": t.label,
                    "label_en": t.label_en,
                    "rung": t.rung,
                    "closed": t.closed,
                    "care_form": t.care_form,
                }
                for t in session.scalars(
                    select(PlacementType).order_by(
                        PlacementType.rung.is_(None), PlacementType.rung, PlacementType.code
                    )
                )
            ],  # fmt: skip
            distance_limits={
                form: settings.get(region_data.distance_setting_key(form)) for form in CARE_FORMS
            },
            retention=RetentionTerms.from_settings(settings).to_region_json(),
        )


def change_region(*, uow: UnitOfWork, actor: Actor, region: RegionSpec) -> bool:
    """Give the store `region`. Refused (StoreError) once the store holds cases. Returns
    False when the store already has this region."""
    require(actor.role, Action.MANAGE_STORE)
    with uow:
        current = uow.session.scalar(select(Region.code).limit(1))
        if current == region.code:
            return False
        region_data.replace_region(uow.session, region)
        record(uow.session, actor, "region_change", detail=f"{current or 'geen'} -> {region.code}")
        uow.commit()
        return True
