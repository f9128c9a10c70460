"""`import locations`: providers, locations and their capacity per placement type from a
CSV or XLSX, on the one pipeline (services.imports.pipeline). Every row is validated
before anything is written; an existing location (by AGB) gets its data and capacity
updated."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.base import utcnow
from ret_desk.db.models import Location, LocationOffer, Municipality, Provider
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.dutch_numbers import count_noun, decimal
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.placement import GenderRule, ScarceCategory, SecurityLevel
from ret_desk.services.imports.cells import RowError, parse_bool, parse_choice, text
from ret_desk.services.imports.pipeline import ImportReport, Progress, RowImport, run_import
from ret_desk.services.placement.rop_reference import placement_types

COLUMNS = (
    "aanbieder", "aanbieder_agb", "locatie", "locatie_agb", "gemeente", "postcode", "lat", "lon",
    "plaatsingsvorm", "plekken_totaal", "plekken_vrij", "wachttijd_dagen", "leeftijd_min", "leeftijd_max",
    "geslacht", "specialismen", "beveiliging", "broers_zussen", "schaars",
)  # fmt: skip
_AGB = re.compile(r"^\d{8}$")
_POSTCODE = re.compile(r"^[1-9]\d{3}\s?[A-Za-z]{2}$")
_CBS_CODE = re.compile(r"^GM\d+$", re.IGNORECASE)
#: Letters, spaces and the signs in names such as 's-Hertogenbosch, Súdwest-Fryslân, Bergen (NH.)
_MUNICIPALITY_NAME = re.compile(r"^'?[^\W\d_]+(?:[ '.()-]+[^\W\d_]+)*[.)]*$")


@dataclass(frozen=True, slots=True)
class LocationRow:
    provider: str
    provider_agb: str
    location: str
    location_agb: str
    municipality: str
    postcode: str
    lat: float
    lon: float
    type_code: str
    total: int
    free: int
    waiting: int
    age_min: int
    age_max: int
    gender: GenderRule
    specialisms: str
    security: SecurityLevel
    siblings: bool
    scarce: ScarceCategory


def _number(value: Any, low: float, high: float, *, integer: bool = True) -> float:
    raw = text(value).replace(",", ".") if not integer else text(value)
    try:
        number = int(raw) if integer else float(raw)
    except ValueError:
        raise ValueError(f"'{raw}' is geen {'geheel ' if integer else ''}getal.") from None
    if not low <= number <= high:
        raise ValueError(f"{decimal(number, 6)} ligt niet tussen {decimal(low, 6)} en {decimal(high, 6)}.")
    return number


def parse_location_row(
    number: int, values: dict[str, Any], types: set[str]
) -> tuple[LocationRow | None, list[RowError]]:
    errors: list[RowError] = []
    got: dict[str, Any] = {}

    def take(column: str, parse: Callable[[Any], Any]) -> None:
        try:
            got[column] = parse(values.get(column))
        except ValueError as exc:
            errors.append(RowError(number, column, str(exc)))

    def required(value: Any) -> str:
        if not text(value):
            raise ValueError("Verplicht.")
        return text(value)  # the length is checked against the model (imports.row_guard)

    def agb(value: Any) -> str:
        if not _AGB.match(text(value)):
            raise ValueError(f"'{text(value)}' is geen AGB-code (8 cijfers).")
        return text(value)

    def postcode(value: Any) -> str:
        raw = text(value).upper()
        if raw and not _POSTCODE.match(raw):
            raise ValueError(f"'{raw}' is geen postcode (1234 AB).")
        compact = raw.replace(" ", "")
        return f"{compact[:4]} {compact[4:]}" if compact else ""

    def placement_type(value: Any) -> str:
        code = text(value).lower()
        if code not in types:
            raise ValueError(f"'{code}' is geen plaatsingsvorm; kies uit: {', '.join(sorted(types))}.")
        return code

    for column, parse in (
        ("aanbieder", required), ("aanbieder_agb", agb), ("locatie", required), ("locatie_agb", agb),
        ("gemeente", required), ("postcode", postcode),
        ("lat", lambda v: _number(v, 50.5, 53.7, integer=False)),
        ("lon", lambda v: _number(v, 3.2, 7.3, integer=False)), ("plaatsingsvorm", placement_type),
        ("plekken_totaal", lambda v: _number(v, 0, 10_000)),
        ("plekken_vrij", lambda v: _number(v, 0, 10_000)),
        ("wachttijd_dagen", lambda v: _number(v, 0, 3650)), ("leeftijd_min", lambda v: _number(v, 0, 27)),
        ("leeftijd_max", lambda v: _number(v, 0, 27)), ("geslacht", lambda v: parse_choice(v, GenderRule)),
        ("specialismen", lambda v: ", ".join(s.strip().lower() for s in text(v).split(",") if s.strip())),
        ("beveiliging", lambda v: parse_choice(v, SecurityLevel)), ("broers_zussen", parse_bool),
        ("schaars", lambda v: parse_choice(v, ScarceCategory)),
    ):  # fmt: skip
        take(column, parse)
    if not errors and got["plekken_vrij"] > got["plekken_totaal"]:
        errors.append(RowError(number, "plekken_vrij", "Meer vrije plekken dan plekken in totaal."))
    if not errors and got["leeftijd_min"] > got["leeftijd_max"]:
        errors.append(RowError(number, "leeftijd_max", "De maximumleeftijd ligt onder de minimumleeftijd."))
    if errors:
        return None, errors
    g = got
    return (
        LocationRow(
            g["aanbieder"],
            g["aanbieder_agb"],
            g["locatie"],
            g["locatie_agb"],
            g["gemeente"],
            g["postcode"],
            g["lat"],
            g["lon"],
            g["plaatsingsvorm"],
            g["plekken_totaal"],
            g["plekken_vrij"],
            g["wachttijd_dagen"],
            g["leeftijd_min"],
            g["leeftijd_max"],
            g["geslacht"],
            g["specialismen"],
            g["beveiliging"],
            g["broers_zussen"],
            g["schaars"],
        ),  # fmt: skip
        [],
    )


class LocationRows(RowImport[LocationRow]):
    columns = COLUMNS
    audit_action = "location_import"
    progress_every = 200
    text_columns = {  # noqa: RUF012 (read only)
        "aanbieder": Provider.name, "locatie": Location.name, "gemeente": Location.municipality,
        "specialismen": LocationOffer.specialisms,
    }  # fmt: skip

    def prepare(self, session: Session) -> None:
        self._types = set(placement_types(session))
        self._names: dict[str, str] = {}  # CBS code and lower-cased name → the region's name
        for code, name in session.execute(
            select(Municipality.cbs_code, Municipality.name).order_by(Municipality.name)
        ):
            self._names[code.upper()] = self._names[name.lower()] = name
        self._codes = {code.upper(): name for code, name in session.execute(
            select(Municipality.cbs_code, Municipality.name))}  # fmt: skip
        self._seen: dict[tuple[str, str], int] = {}
        self._loaded = False
        # Running placements per offer (issue 10: never more placements than places); the
        # store's CHECK refuses it anyway, but here it is named per row before anything is written.
        self._taken = {
            (agb, code): taken
            for agb, code, taken in session.execute(
                select(Location.agb, LocationOffer.type_code, LocationOffer.places_taken)
                .join(Location, LocationOffer.location_id == Location.id)
                .where(LocationOffer.places_taken > 0)
            )
        }

    def check(
        self, session: Session, number: int, values: dict[str, Any]
    ) -> tuple[LocationRow | None, list[RowError]]:
        row, errors = parse_location_row(number, values, self._types)
        if row is not None:
            row, errors = self._municipality(number, row)
        if row is not None:
            first = self._seen.setdefault((row.location_agb, row.type_code), number)
            if first != number:
                errors = [
                    RowError(number, "locatie_agb", f"Zelfde locatie en plaatsingsvorm als rij {first}.")
                ]
            taken = self._taken.get((row.location_agb, row.type_code), 0)
            if row.total < taken:
                errors = [
                    *errors,
                    RowError(number, "plekken_totaal", f"Er lopen hier {taken} plaatsingen; zoveel plekken "
                             "zijn er minstens (regel: nooit meer plaatsingen dan plekken)."),
                ]  # fmt: skip
        return row, errors

    def _municipality(self, number: int, row: LocationRow) -> tuple[LocationRow | None, list[RowError]]:
        """A municipality of the region, by CBS code or name, is stored by the region's name.
        A location elsewhere (scarce care in 3Noord, a foster family far away: DOMAIN rules
        9 and 10) is named by its municipality's name; a CBS code the region does not know,
        or a "name" with digits or signs no municipality has, is refused."""
        given = row.municipality
        name = self._names.get(given.upper()) or self._names.get(given.lower())
        if name is not None:
            return replace(row, municipality=name), []
        if _CBS_CODE.match(given):
            allowed = ", ".join(
                f"{code} ({n})" for code, n in sorted(self._codes.items(), key=lambda c: c[1])
            )
            reason = (
                f"'{given}' is geen gemeentecode van de regio; kies uit: {allowed}. Een gemeente "
                "buiten de regio noemt u bij haar naam."
            )
        elif not _MUNICIPALITY_NAME.match(given):
            reason = f"'{given}' is geen gemeentecode en geen naam van een gemeente."
        else:
            return row, []
        return None, [RowError(number, "gemeente", reason)]

    def _load(self, session: Session) -> None:
        self._providers = {p.agb: p for p in session.scalars(select(Provider))}
        self._locations = {loc.agb: loc for loc in session.scalars(select(Location))}
        self._offers = {(o.location_id, o.type_code): o for o in session.scalars(select(LocationOffer))}
        self._now = utcnow()
        self._loaded = True

    def write(self, session: Session, actor: Actor, row: LocationRow) -> None:
        if not self._loaded:
            self._load(session)
        provider = self._providers.get(row.provider_agb)
        if provider is None:
            provider = self._providers[row.provider_agb] = Provider(agb=row.provider_agb, name=row.provider)
            session.add(provider)
        provider.name = row.provider
        location = self._locations.get(row.location_agb)
        if location is None:
            location = self._locations[row.location_agb] = Location(agb=row.location_agb)
            session.add(location)
        location.provider, location.name, location.municipality = provider, row.location, row.municipality
        location.postcode, location.latitude, location.longitude = row.postcode, row.lat, row.lon
        location.siblings_together, location.scarce = row.siblings, row.scarce.value
        session.flush()  # the location needs its id for the offer key below
        offer = self._offers.get((location.id, row.type_code))
        if offer is None:
            offer = self._offers[(location.id, row.type_code)] = LocationOffer(
                location=location, type_code=row.type_code
            )
            session.add(offer)
        offer.places_total, offer.places_free, offer.waiting_days = row.total, row.free, row.waiting
        offer.age_min, offer.age_max, offer.gender = row.age_min, row.age_max, row.gender.value
        offer.specialisms, offer.security = row.specialisms, row.security.value
        offer.updated_at, offer.updated_by = self._now, actor.username

    def audit_detail(self, report: ImportReport, path: Path) -> str:
        written, errors = (
            count_noun(report.written, "regel", "regels"),
            count_noun(len(report.errors), "fout", "fouten"),
        )
        return f"{path.name}: {written}, {errors}"


def import_locations(
    *,
    uow: UnitOfWork,
    actor: Actor,
    path: Path,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    require(actor.role, Action.EDIT_CAPACITY)
    return run_import(
        uow=uow,
        actor=actor,
        path=path,
        rows=LocationRows(),
        skip_invalid=skip_invalid,
        dry_run=dry_run,
        progress=progress,
    )
