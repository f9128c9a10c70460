"""Distance limits per care form (seed 000: 75 km for verblijf, 120 km for scarce care, none
for care bought nationally through the LTA), measured from the youth's home municipality, or
from the school's when the placement request says the school must be kept.

The limits are a target (80% of children within them), so a placement beyond its limit raises
a signal and counts against the monitor's share; it never takes a place out of the matching."""

from __future__ import annotations

from dataclasses import dataclass

#: Where a distance is measured from (the Dutch word is shown as it is).
FROM_HOME, FROM_SCHOOL = "thuis", "school"


def care_form_of(type_care_form: str, location_scarce: str = "") -> str:
    """A place at a location offering one of 3Noord's scarce forms counts as scarce care;
    otherwise the placement type's own care form (verblijf, scarce, lta) applies."""
    return "scarce" if location_scarce else type_care_form


def limit_for(limits: dict[str, float | None], care_form: str) -> float | None:
    """The limit in km for `care_form`; None: no limit (LTA, or none set)."""
    return limits.get(care_form)


def within(distance_km: float, limit_km: float | None) -> bool:
    return limit_km is None or distance_km <= limit_km


@dataclass(frozen=True, slots=True)
class Origin:
    """The point distances count from."""

    lat: float
    lon: float
    place: str  # FROM_HOME or FROM_SCHOOL


def origin(home: tuple[float, float], school: tuple[float, float] | None, keep_school: bool) -> Origin:
    """From the school's municipality when the school must be kept and it is known; else home."""
    if keep_school and school is not None:
        return Origin(school[0], school[1], FROM_SCHOOL)
    return Origin(home[0], home[1], FROM_HOME)
