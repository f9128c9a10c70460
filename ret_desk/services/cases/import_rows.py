"""Parsing one row of a case import into a ReferralDraft, collecting every column error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from ret_desk.domain.enums import (
    Gender,
    GvaTrigger,
    InterventionLevel,
    ReferrerType,
    TargetGroup,
)
from ret_desk.domain.referral import ReferralDraft

COLUMNS = (
    "casusnummer",
    "aanmelddatum",
    "achternaam",
    "voornaam",
    "geboortedatum",
    "bsn",
    "geslacht",
    "gemeente",
    "verwijzer_type",
    "verwijzer_organisatie",
    "hulpvraag",
    "gva_triggers",
    "gva_aanwezig",
    "route",
    "doelgroepen",
    "interventieniveau",
)

#: Draft field → import column, to report domain errors under the column the user knows.
FIELD_COLUMNS = {
    "case_number": "casusnummer",
    "referral_date": "aanmelddatum",
    "family_name": "achternaam",
    "given_name": "voornaam",
    "birth_date": "geboortedatum",
    "bsn": "bsn",
    "gender": "geslacht",
    "municipality_code": "gemeente",
    "referrer_type": "verwijzer_type",
    "referrer_organisation": "verwijzer_organisatie",
    "help_question": "hulpvraag",
    "gva_triggers": "gva_triggers",
    "gva_present": "gva_aanwezig",
    "gva_date": "gva_aanwezig",
    "route": "route",
    "target_groups": "doelgroepen",
    "intervention_level": "interventieniveau",
}

_GENDER_WORDS = {"vrouw": "v", "man": "m", "anders": "x", "onbekend": "o", "": "o"}
_YES = {"ja", "j", "yes", "true", "1", "waar"}
_NO = {"nee", "n", "no", "false", "0", "onwaar", ""}


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"rij {self.row}, kolom {self.column}: {self.reason}"


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    for fmt in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{raw}' is geen datum (dd-mm-jjjj of jjjj-mm-dd).")


def parse_choice(value: Any, enum: type[Enum]) -> Any:
    raw = text(value).lower()
    try:
        return enum(raw)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum)
        raise ValueError(f"'{raw}' is geen geldige waarde; kies uit: {allowed}.") from None


def parse_numbers(value: Any, enum: type[Enum]) -> frozenset:
    raw = text(value)
    if not raw:
        return frozenset()
    found = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ValueError(f"'{part}' is geen nummer.")
        try:
            found.add(enum(int(part)))
        except ValueError:
            low, high = min(m.value for m in enum), max(m.value for m in enum)
            raise ValueError(f"{part} ligt niet tussen {low} en {high}.") from None
    return frozenset(found)


def parse_bool(value: Any) -> bool:
    raw = text(value).lower()
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise ValueError(f"'{raw}' is geen ja of nee.")


def parse_row(
    row_number: int,
    values: dict[str, Any],
    municipalities: dict[str, str],
    routes: tuple[str, ...] = (),
    municipality_names: tuple[str, ...] = (),
) -> tuple[ReferralDraft | None, list[RowError]]:
    """A draft from one row, or the errors of every column that could not be read.

    `municipalities` maps CBS codes and lower-cased names to CBS codes; `routes` are the
    route keys of the store's region and `municipality_names` its municipalities, named in
    a refusal. Never raises.
    """
    errors: list[RowError] = []
    parsed: dict[str, Any] = {}

    def take(column: str, key: str, parser, *args) -> None:  # noqa: ANN001
        try:
            parsed[key] = parser(values.get(column), *args)
        except (ValueError, TypeError, OverflowError) as exc:
            errors.append(RowError(row_number, column, str(exc)))

    take("aanmelddatum", "referral_date", parse_date)
    take("geboortedatum", "birth_date", parse_date)
    take("verwijzer_type", "referrer_type", parse_choice, ReferrerType)
    take("gva_triggers", "gva_triggers", parse_numbers, GvaTrigger)
    take("doelgroepen", "target_groups", parse_numbers, TargetGroup)
    take("gva_aanwezig", "gva_present", parse_bool)
    gender = text(values.get("geslacht")).lower()
    if gender in _GENDER_WORDS:
        parsed["gender"] = Gender(_GENDER_WORDS[gender])
    else:
        take("geslacht", "gender", parse_choice, Gender)
    route = text(values.get("route")).lower()
    if route and route in routes:
        parsed["route"] = route
    elif route:
        errors.append(
            RowError(
                row_number, "route", f"'{route}' is geen route van de regio; kies uit: {', '.join(routes)}."
            )
        )
    level = text(values.get("interventieniveau"))
    if level:
        take("interventieniveau", "intervention_level", parse_numbers, InterventionLevel)
        levels = parsed.pop("intervention_level", frozenset())
        if len(levels) > 1:
            errors.append(RowError(row_number, "interventieniveau", "Geef één niveau."))
        elif levels:
            parsed["intervention_level"] = next(iter(levels))
    municipality = text(values.get("gemeente"))
    code = municipalities.get(municipality.upper()) or municipalities.get(municipality.lower())
    if code is None:
        allowed = f" Kies uit: {', '.join(municipality_names)}." if municipality_names else ""
        errors.append(
            RowError(row_number, "gemeente", f"'{municipality}' is geen gemeente van de regio.{allowed}")
        )
    if errors:
        return None, errors
    draft = ReferralDraft(
        case_number=text(values.get("casusnummer")) or None,
        family_name=text(values.get("achternaam")),
        given_name=text(values.get("voornaam")),
        bsn=text(values.get("bsn")) or None,
        municipality_code=code or "",
        referrer_organisation=text(values.get("verwijzer_organisatie")),
        help_question=text(values.get("hulpvraag")),
        **parsed,
    )
    return draft, []
