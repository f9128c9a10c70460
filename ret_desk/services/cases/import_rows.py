"""Parsing one row of a case import into a ReferralDraft, collecting every column error."""

from __future__ import annotations

from typing import Any

from ret_desk.domain.enums import (
    Gender,
    GvaTrigger,
    InterventionLevel,
    ReferrerType,
    Route,
    TargetGroup,
)
from ret_desk.domain.referral import ReferralDraft
from ret_desk.services.imports.cells import (
    RowError,
    parse_bool,
    parse_choice,
    parse_date,
    parse_numbers,
    text,
)

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


def parse_row(
    row_number: int, values: dict[str, Any], municipalities: dict[str, str]
) -> tuple[ReferralDraft | None, list[RowError]]:
    """A draft from one row, or the errors of every column that could not be read.

    `municipalities` maps CBS codes and lower-cased names to CBS codes. Never raises.
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
    if route:
        take("route", "route", parse_choice, Route)
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
        errors.append(RowError(row_number, "gemeente", f"'{municipality}' is geen gemeente van de regio."))
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
