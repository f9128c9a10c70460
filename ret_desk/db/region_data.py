"""Loads a region from a region file (domain/region_file.py) into a store: its name,
municipalities with CBS codes and coordinates, routes with kind and terms, the terms of
unrouted cases, placement types with their ladder rungs and distance limits per care form.

Three regions ship in resources/region/ (drenthe, flevoland, rijnmond); an administrator may
bring their own file. A new store gets the region chosen at `db upgrade --region`."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ret_desk.db.models_capacity import PlacementType, RegionSetting
from ret_desk.db.models_case import Youth
from ret_desk.db.models_reference import DeadlineSetting, Municipality, Region, Route
from ret_desk.domain.deadlines import UNROUTED
from ret_desk.domain.errors import StoreError
from ret_desk.domain.region_file import CARE_FORMS, RegionSpec, parse_region

DEFAULT_REGION = "drenthe"


def distance_setting_key(care_form: str) -> str:
    """The RegionSetting key of the distance limit of `care_form` (absent: no limit)."""
    return f"distance_limit_{care_form}_km"


def shipped_regions() -> list[str]:
    folder = files("ret_desk.resources").joinpath("region")
    return sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json"))


def read_region(name_or_path: str) -> RegionSpec:
    """A shipped region by name, or a region file by path; checked as a whole."""
    if name_or_path in shipped_regions():
        text = files("ret_desk.resources").joinpath(f"region/{name_or_path}.json").read_text("utf-8")
        source = name_or_path
    else:
        path = Path(name_or_path)
        if not path.is_file():
            raise StoreError(
                f"Onbekende regio '{name_or_path}': geen meegeleverde regio ({', '.join(shipped_regions())}) "
                "en geen bestand."
            )
        text, source = path.read_text("utf-8"), path.name
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"Het regiobestand {source} is geen geldige JSON: {exc.msg} (regel {exc.lineno})."
        ) from exc
    return parse_region(data, source)


def default_region() -> RegionSpec:
    return read_region(DEFAULT_REGION)


def _shipped_by_code(code: str) -> RegionSpec | None:
    for name in shipped_regions():
        spec = read_region(name)
        if spec.code == code:
            return spec
    return None


def load_region(session: Session, spec: RegionSpec) -> bool:
    """Add the region when the store has none; complete an older store of a shipped region
    with what it lacks (placement types, distance limits). Returns True when it added anything."""
    region = session.scalar(select(Region).limit(1))
    if region is None:
        _write_region(session, spec)
        return True
    shipped = _shipped_by_code(region.code)
    return _complete(session, shipped) if shipped is not None else False


def _write_region(session: Session, spec: RegionSpec) -> None:
    region = Region(code=spec.code, name=spec.name)
    session.add(region)
    for m in spec.municipalities:
        session.add(
            Municipality(region=region, cbs_code=m.code, name=m.name, latitude=m.lat, longitude=m.lon)
        )
    for position, r in enumerate(spec.routes):
        extra = {k: v for k, v in r.terms.items() if k not in ("start_days", "no_progress_months")}
        session.add(
            Route(
                key=r.key,
                label=r.label,
                label_en=r.label_en,
                kind=r.kind.value,
                position=position,
                start_days=r.terms["start_days"],
                no_progress_months=r.terms["no_progress_months"],
                extra_terms=json.dumps(extra, sort_keys=True),
            )  # fmt: skip
        )
        for name, value in extra.items():
            # The records' code reads its kind-specific term from the region settings (the
            # administrator edits it there); the region file gives the starting value.
            setting = session.get(RegionSetting, name)
            if setting is None:
                session.add(RegionSetting(key=name, value=float(value)))
                session.flush()
            else:  # a new region (or a store given another): its file's value
                setting.value = float(value)
    if session.get(DeadlineSetting, UNROUTED) is None:
        session.add(
            DeadlineSetting(
                route_key=UNROUTED,
                start_days=spec.unrouted["start_days"],
                no_progress_months=spec.unrouted["no_progress_months"],
            )
        )
    _complete(session, spec)


def _complete(session: Session, spec: RegionSpec, *, add_types: bool = False) -> bool:
    """Add the region's placement types to a store that has none (or, with `add_types`, the
    ones it lacks) and any distance limit it lacks; values an administrator set are kept."""
    added = False
    have_types = set(session.scalars(select(PlacementType.code)))
    if add_types or not have_types:
        for t in (t for t in spec.placement_types if t.code not in have_types):
            session.add(
                PlacementType(
                    code=t.code,
                    label=t.label,
                    label_en=t.label_en,
                    rung=t.rung,
                    closed=t.closed,
                    care_form=t.care_form,
                )  # fmt: skip
            )
            added = True
    have = set(session.scalars(select(RegionSetting.key)))
    for form in CARE_FORMS:
        km = spec.distance_limits.get(form)
        if km is not None and distance_setting_key(form) not in have:
            session.add(RegionSetting(key=distance_setting_key(form), value=km))
            added = True
    # Retention terms (issue 12 §3): a store of an older version gets its region file's
    # terms (20 years where the file has none); values an administrator set are kept.
    for key, value in spec.retention.settings().items():
        if key not in have:
            session.add(RegionSetting(key=key, value=value))
            added = True
    return added


def replace_region(session: Session, spec: RegionSpec) -> None:
    """Give a store without youths another region (refused once it holds a youth's data)."""
    if session.scalar(select(func.count()).select_from(Youth)):
        raise StoreError(
            "Deze opslag bevat al casussen; de regio kan niet meer worden gewijzigd. "
            "Maak voor een andere regio een nieuwe opslag."
        )
    session.execute(delete(Municipality))
    session.execute(delete(Route))
    session.execute(delete(DeadlineSetting))
    session.execute(delete(Region))
    session.execute(delete(RegionSetting).where(RegionSetting.key.like("distance_limit_%_km")))
    session.execute(delete(RegionSetting).where(RegionSetting.key.like("retention_%")))
    session.flush()
    _write_region(session, spec)
    _complete(session, spec, add_types=True)
