"""A region file (resources/region/*.json, or one an administrator brings) read and checked
as a whole: its routes with kind and deadline terms, municipalities with CBS codes and
coordinates, placement types with their ladder rungs, distance limits per care form, and
the retention terms (domain/retention.py).

Every error in the file is named, in Dutch, so that an administrator can fix them in one go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ret_desk.domain.errors import RetDeskError
from ret_desk.domain.retention import RetentionTerms, parse_retention
from ret_desk.domain.route_kinds import RouteKind

#: Terms every route (and the unrouted entry) must give.
REQUIRED_TERMS = ("start_days", "no_progress_months")
#: Care forms a distance limit may be set for (seed 000): stay away from home, the scarce
#: forms coordinated above the region, and care bought nationally (LTA).
CARE_FORMS = ("verblijf", "scarce", "lta")
CARE_FORM_LABELS = {"verblijf": "Verblijf", "scarce": "Schaarse zorg", "lta": "Landelijk ingekocht (LTA)"}

_KEY = re.compile(r"^[a-z0-9][a-z0-9_+\-]{0,19}$")
_TYPE_CODE = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,29}$")
_CBS = re.compile(r"^GM\d{4}$")


class RegionFileError(RetDeskError):
    """A region file with one or more errors; `errors` names each of them."""

    def __init__(self, errors: list[str], source: str = "") -> None:
        where = f" ({source})" if source else ""
        super().__init__(f"Het regiobestand{where} bevat {len(errors)} fout(en):\n- " + "\n- ".join(errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class RouteSpec:
    key: str
    label: str
    label_en: str
    kind: RouteKind
    #: start_days, no_progress_months and any kind-specific term (ro3_review_days, ...)
    terms: dict[str, int]


@dataclass(frozen=True, slots=True)
class MunicipalitySpec:
    code: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class PlacementTypeSpec:
    code: str
    label: str
    label_en: str
    rung: int | None
    closed: bool
    care_form: str


@dataclass(frozen=True, slots=True)
class RegionSpec:
    code: str
    name: str
    routes: tuple[RouteSpec, ...]
    unrouted: dict[str, int]
    municipalities: tuple[MunicipalitySpec, ...]
    placement_types: tuple[PlacementTypeSpec, ...]
    #: care form → km; None: no limit
    distance_limits: dict[str, float | None] = field(default_factory=dict)
    #: retention terms (issue 12 §3); a file without them: 20 years for every framework
    retention: RetentionTerms = field(default_factory=RetentionTerms)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _terms(raw: Any, where: str, errors: list[str]) -> dict[str, int]:
    if not isinstance(raw, dict):
        errors.append(f"{where}: de termijnen (terms) ontbreken.")
        return {}
    for name in REQUIRED_TERMS:
        if name not in raw:
            errors.append(f"{where}: de termijn '{name}' ontbreekt.")
    good: dict[str, int] = {}
    for name, value in raw.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(f"{where}: de termijn '{name}' moet een geheel getal van 1 of meer zijn.")
        else:
            good[str(name)] = value
    return good


def _routes(raw: Any, errors: list[str]) -> list[RouteSpec]:
    if not isinstance(raw, list) or not raw:
        errors.append("De routes ontbreken (routes: een lijst met minstens één route).")
        return []
    kinds = ", ".join(k.value for k in RouteKind)
    routes, seen = [], set()
    for i, item in enumerate(raw, 1):
        where = f"Route {i}"
        if not isinstance(item, dict):
            errors.append(f"{where}: geen object.")
            continue
        key = item.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            errors.append(
                f"{where}: de sleutel (key) ontbreekt of is ongeldig (kleine letters, cijfers, _ + -)."
            )
        else:
            where = f"Route '{key}'"
            if key in seen:
                errors.append(f"{where}: de sleutel komt meer dan eens voor.")
            if key == "onverdeeld":
                errors.append(f"{where}: deze sleutel is gereserveerd voor casussen zonder route.")
            seen.add(key)
        if not _text(item.get("label")):
            errors.append(f"{where}: de Nederlandse naam (label) ontbreekt.")
        if "label_en" in item and not isinstance(item["label_en"], str):
            errors.append(f"{where}: de Engelse naam (label_en) moet tekst zijn.")
        kind = item.get("kind")
        if kind not in {k.value for k in RouteKind}:
            errors.append(f"{where}: onbekende soort (kind) '{kind}'; kies uit {kinds}.")
        terms = _terms(item.get("terms"), where, errors)
        if isinstance(key, str) and _text(item.get("label")) and kind in {k.value for k in RouteKind}:
            routes.append(
                RouteSpec(key, item["label"].strip(), str(item.get("label_en") or ""), RouteKind(kind), terms)
            )
    return routes


def _municipalities(raw: Any, errors: list[str]) -> list[MunicipalitySpec]:
    if not isinstance(raw, list) or not raw:
        errors.append("De gemeenten ontbreken (municipalities: een lijst met minstens één gemeente).")
        return []
    found, codes, names = [], set(), set()
    for i, item in enumerate(raw, 1):
        where = f"Gemeente {i}"
        if not isinstance(item, dict):
            errors.append(f"{where}: geen object.")
            continue
        code, name, lat, lon = (item.get(k) for k in ("code", "name", "lat", "lon"))
        if _text(name):
            where = f"Gemeente '{name}'"
            if name in names:
                errors.append(f"{where}: de naam komt meer dan eens voor.")
            names.add(name)
        else:
            errors.append(f"{where}: de naam (name) ontbreekt.")
        ok = True
        if not isinstance(code, str) or not _CBS.match(code):
            errors.append(f"{where}: ongeldige CBS-code '{code}' (verwacht GM en vier cijfers, bv. GM0106).")
            ok = False
        elif code in codes:
            errors.append(f"{where}: de CBS-code {code} komt meer dan eens voor.")
        codes.add(code)
        if not _number(lat) or not -90 <= lat <= 90:
            errors.append(f"{where}: ongeldige breedtegraad (lat) '{lat}' (tussen -90 en 90).")
            ok = False
        if not _number(lon) or not -180 <= lon <= 180:
            errors.append(f"{where}: ongeldige lengtegraad (lon) '{lon}' (tussen -180 en 180).")
            ok = False
        if ok and _text(name):
            found.append(MunicipalitySpec(code, name.strip(), float(lat), float(lon)))
    return found


def _placement_types(raw: Any, errors: list[str]) -> list[PlacementTypeSpec]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        errors.append("De plaatsingsvormen (placement_types) moeten een lijst zijn.")
        return []
    found, codes = [], set()
    for i, item in enumerate(raw, 1):
        where = f"Plaatsingsvorm {i}"
        if not isinstance(item, dict):
            errors.append(f"{where}: geen object.")
            continue
        code = item.get("code")
        if not isinstance(code, str) or not _TYPE_CODE.match(code):
            errors.append(f"{where}: de code ontbreekt of is ongeldig.")
            continue
        where = f"Plaatsingsvorm '{code}'"
        if code in codes:
            errors.append(f"{where}: de code komt meer dan eens voor.")
        codes.add(code)
        ok = True
        if not _text(item.get("label")):
            errors.append(f"{where}: de Nederlandse naam (label) ontbreekt.")
            ok = False
        rung = item.get("rung")
        if rung is not None and (not isinstance(rung, int) or isinstance(rung, bool) or not 1 <= rung <= 10):
            errors.append(f"{where}: de trede (rung) is een geheel getal van 1 tot 10, of null.")
            ok = False
        care_form = item.get("care_form", "verblijf")
        if care_form not in CARE_FORMS:
            errors.append(f"{where}: onbekende zorgvorm '{care_form}'; kies uit {', '.join(CARE_FORMS)}.")
            ok = False
        if ok:
            found.append(
                PlacementTypeSpec(
                    code,
                    item["label"].strip(),
                    str(item.get("label_en") or ""),
                    rung,
                    bool(item.get("closed", False)),
                    care_form,
                )  # fmt: skip
            )
    if found and not any(t.rung is not None for t in found):
        errors.append("De plaatsingsvormen hebben geen ladder: geef minstens één vorm een trede (rung).")
    return found


def _distance_limits(raw: Any, errors: list[str]) -> dict[str, float | None]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        errors.append("De afstandsgrenzen (distance_limits) moeten een object zijn: zorgvorm → km of null.")
        return {}
    limits: dict[str, float | None] = {}
    for form, km in raw.items():
        if form not in CARE_FORMS:
            errors.append(f"Afstandsgrens: onbekende zorgvorm '{form}'; kies uit {', '.join(CARE_FORMS)}.")
        elif km is not None and (not _number(km) or not 0 < km <= 1000):
            errors.append(
                f"Afstandsgrens '{form}': geef een aantal km tussen 0 en 1000, of null (geen grens)."
            )
        else:
            limits[form] = None if km is None else float(km)
    return limits


def parse_region(data: Any, source: str = "") -> RegionSpec:
    """The region in `data` (a parsed JSON object); raises RegionFileError naming every error."""
    if not isinstance(data, dict):
        raise RegionFileError(["Het bestand is geen JSON-object."], source)
    errors: list[str] = []
    if not _text(data.get("name")):
        errors.append("De naam van de regio (name) ontbreekt.")
    if not _text(data.get("code")):
        errors.append("De code van de regio (code) ontbreekt.")
    routes = _routes(data.get("routes"), errors)
    unrouted = _terms(data.get("unrouted"), "Casussen zonder route (unrouted)", errors)
    municipalities = _municipalities(data.get("municipalities"), errors)
    types = _placement_types(data.get("placement_types"), errors)
    limits = _distance_limits(data.get("distance_limits"), errors)
    retention = parse_retention(data.get("retention"), errors)
    if errors:
        raise RegionFileError(errors, source)
    return RegionSpec(
        code=data["code"].strip(),
        name=data["name"].strip(),
        routes=tuple(routes),
        unrouted=unrouted,
        municipalities=tuple(municipalities),
        placement_types=tuple(types),
        distance_limits=limits,
        retention=retention,
    )
