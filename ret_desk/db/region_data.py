"""Loads a region (municipalities with CBS codes and coordinates, deadline terms) from a
data file: Drenthe ships in resources/, another region brings its own file."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.models_reference import DeadlineSetting, Municipality, Region
from ret_desk.domain.deadlines import UNROUTED
from ret_desk.domain.enums import Route
from ret_desk.domain.errors import StoreError

_ROUTE_KEYS = {r.value for r in Route} | {UNROUTED}


def default_region() -> dict[str, Any]:
    return json.loads(files("ret_desk.resources").joinpath("region/drenthe.json").read_text("utf-8"))


def load_region(session: Session, data: dict[str, Any]) -> bool:
    """Add the region when the store has none. Returns True when it added it."""
    if session.scalar(select(Region.id).limit(1)) is not None:
        return False
    keys = {d["route"] for d in data["deadlines"]}
    if keys != _ROUTE_KEYS:
        raise StoreError(f"Het regiobestand moet termijnen geven voor: {sorted(_ROUTE_KEYS)}")
    region = Region(code=data["code"], name=data["name"])
    session.add(region)
    for item in data["municipalities"]:
        session.add(
            Municipality(
                region=region,
                cbs_code=item["cbs_code"],
                name=item["name"],
                latitude=float(item["latitude"]),
                longitude=float(item["longitude"]),
            )
        )
    for item in data["deadlines"]:
        session.add(
            DeadlineSetting(
                route_key=item["route"],
                start_days=int(item["start_days"]),
                no_progress_months=int(item["no_progress_months"]),
            )
        )
    return True
