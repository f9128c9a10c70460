"""Loads the reference data of Regie op plaatsing (match weights, region settings) from
resources/placement.json into a store that lacks it. Adds only what is missing, so values an
administrator changed are kept. Placement types and distance limits come with the region
(db/region_data.py)."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.models_capacity import MatchWeight, RegionSetting


def default_placement_data() -> dict[str, Any]:
    return json.loads(files("ret_desk.resources").joinpath("placement.json").read_text("utf-8"))


def load_placement_data(session: Session, data: dict[str, Any]) -> bool:
    """Returns True when anything was added."""
    added = False
    for model, key, values in (
        (MatchWeight, "name", data["match_weights"]),
        (RegionSetting, "key", data["settings"]),
    ):
        have = set(session.scalars(select(getattr(model, key))))
        for name, value in values.items():
            if name not in have:
                session.add(model(**{key: name, "value": float(value)}))
                added = True
    return added
