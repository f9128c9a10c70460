"""The fields of a case and its youth that may change after intake, their rules, and how a
changed value reads in the change history (issue 8). Pure: no store, no Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from enum import Enum, IntEnum

from ret_desk.domain.bsn import bsn_error, normalise_bsn
from ret_desk.domain.dates import age_in_years
from ret_desk.domain.enums import (
    FamilyParticipation,
    Gender,
    GvaTrigger,
    InterventionLevel,
    LegalFramework,
    ReferrerType,
    TargetGroup,
    Urgency,
)
from ret_desk.domain.errors import FieldError
from ret_desk.domain.referral import MAX_AGE_YEARS, MAX_NAME, FamilyMemberDraft
from ret_desk.domain.referrers import referrer_refusal
from ret_desk.domain.stray_characters import stray_character, stray_character_message

#: "Short content" of a future plan; the plan itself lives with the case manager.
MAX_PLAN_TEXT = 1000
_POSTCODE = re.compile(r"^[1-9][0-9]{3}\s?[A-Za-z]{2}$")


@dataclass(frozen=True, slots=True)
class CaseFields:
    """Everything about a case and its youth that can be corrected or completed."""

    gva_present: bool
    gva_date: date | None
    gva_triggers: frozenset[GvaTrigger]
    case_manager: str
    urgency: Urgency
    target_groups: frozenset[TargetGroup]
    intervention_level: InterventionLevel | None
    legal_framework: LegalFramework
    family_participation: FamilyParticipation
    gender: Gender
    municipality_code: str
    school: str | None
    no_school: bool
    out_of_school_since: date | None
    address: str
    postcode: str
    residence: str
    referrer_contact: str
    family: tuple[FamilyMemberDraft, ...]
    future_plan: bool
    future_plan_on: date | None
    future_plan_text: str
    family_name: str
    given_name: str
    birth_date: date
    bsn: str | None


#: Name, BSN and birth date: only a coordinator corrects them, always with a reason.
IDENTITY_FIELDS = frozenset({"family_name", "given_name", "birth_date", "bsn"})
#: Fields stored on the youth (shared by all of the youth's cases); the rest is the case's.
YOUTH_FIELDS = IDENTITY_FIELDS | {
    "gender",
    "municipality_code",
    "legal_framework",
    "school",
    "no_school",
    "out_of_school_since",
    "address",
    "postcode",
    "residence",
    "family",
}
FIELD_NAMES = tuple(f.name for f in fields(CaseFields))

#: Dutch names of the fields, as the change history and error messages show them.
LABELS = {
    "gva_present": "GVA aanwezig",
    "gva_date": "GVA-datum",
    "gva_triggers": "GVA-aanleidingen",
    "case_manager": "Casusregisseur",
    "urgency": "Urgentie",
    "target_groups": "Doelgroepen",
    "intervention_level": "Interventieniveau",
    "legal_framework": "Wettelijk kader",
    "family_participation": "Gezinsregie (betrokkenheid)",
    "gender": "Geslacht",
    "municipality_code": "Gemeente",
    "school": "School",
    "no_school": "Geen school",
    "out_of_school_since": "Thuiszitter sinds",
    "address": "Adres",
    "postcode": "Postcode",
    "residence": "Woonplaats",
    "referrer_contact": "Contactpersoon verwijzer",
    "family": "Ouders en gezin",
    "future_plan": "Toekomstplan",
    "future_plan_on": "Datum toekomstplan",
    "future_plan_text": "Inhoud toekomstplan",
    "family_name": "Achternaam",
    "given_name": "Voornaam",
    "birth_date": "Geboortedatum",
    "bsn": "BSN",
    "gva_override": "Uitzondering GVA-blokkade",
}


def normalise(values: CaseFields) -> CaseFields:
    """Trimmed texts, a normalised BSN and postcode, empty school as None."""
    postcode = re.sub(r"\s+", "", values.postcode).upper()
    return _replace(
        values,
        case_manager=values.case_manager.strip(),
        school=(values.school or "").strip() or None,
        address=values.address.strip(),
        postcode=f"{postcode[:4]} {postcode[4:]}" if postcode else "",
        residence=values.residence.strip(),
        referrer_contact=values.referrer_contact.strip(),
        family=tuple(
            FamilyMemberDraft(m.name.strip(), m.relation.strip(), m.has_authority) for m in values.family
        ),
        future_plan_text=values.future_plan_text.strip(),
        family_name=values.family_name.strip(),
        given_name=values.given_name.strip(),
        bsn=normalise_bsn(values.bsn) if values.bsn and values.bsn.strip() else None,
    )


def _replace(values: CaseFields, **changes: object) -> CaseFields:
    data = {name: getattr(values, name) for name in FIELD_NAMES}
    data.update(changes)
    return CaseFields(**data)


def changed_fields(before: CaseFields, after: CaseFields) -> list[str]:
    """The names of the fields whose value differs, in declaration order."""
    return [name for name in FIELD_NAMES if getattr(before, name) != getattr(after, name)]


def validate_fields(
    values: CaseFields,
    changed: list[str],
    *,
    referral_date: date,
    referrer_type: ReferrerType,
    today: date,
    municipality_codes: set[str] | None = None,
) -> list[FieldError]:
    """Every rule the edited values break. Only changed fields are judged on their own, so an
    old imported record with gaps can still be completed one field at a time."""
    errors: list[FieldError] = []
    touched = set(changed)

    def err(name: str, message: str) -> None:
        errors.append(FieldError(name, message))

    for name in sorted(touched):  # an escape or invisible character typed anywhere
        value = getattr(values, name, None)
        multiline = name == "future_plan_text"
        if isinstance(value, str) and (found := stray_character(value.strip(), multiline=multiline)):
            err(name, stray_character_message(LABELS.get(name, name), found))
    for name in ("family_name", "given_name"):
        value = getattr(values, name)
        if name in touched and not value:
            err(name, f"{LABELS[name]} is verplicht.")
        elif len(value) > MAX_NAME:
            err(name, f"{LABELS[name]} is te lang (meer dan {MAX_NAME} tekens).")
    if "birth_date" in touched:
        if values.birth_date > today:
            err("birth_date", "De geboortedatum ligt in de toekomst.")
        elif values.birth_date > referral_date:
            err("birth_date", "De geboortedatum ligt na de aanmelddatum.")
        elif age_in_years(values.birth_date, referral_date) > MAX_AGE_YEARS - 1:
            err("birth_date", f"Het RET is er voor jeugdigen tot {MAX_AGE_YEARS} jaar.")
    if "bsn" in touched and values.bsn and (message := bsn_error(values.bsn)):
        err("bsn", message)
    if values.gva_date is not None and ({"gva_date", "gva_present"} & touched):
        if not values.gva_present:
            err("gva_date", "Een GVA-datum hoort bij een aanwezige GVA.")
        elif values.gva_date > today:
            err("gva_date", "De GVA-datum ligt in de toekomst.")
    if "gva_triggers" in touched and (refusal := referrer_refusal(referrer_type, values.gva_triggers)):
        err("gva_triggers", refusal)
    codes = municipality_codes
    if "municipality_code" in touched and codes is not None and values.municipality_code not in codes:
        err("municipality_code", "Kies een gemeente uit de regio.")
    if len(values.case_manager) > MAX_NAME:
        err("case_manager", f"De naam van de casusregisseur is te lang (meer dan {MAX_NAME} tekens).")
    if values.no_school and values.school:
        err("school", "Kies een school óf 'geen school', niet allebei.")
    elif {"school", "no_school"} & touched and not values.no_school and not values.school:
        err("school", "Vul de school in, of kies 'geen school'.")
    if len(values.school or "") > 200:
        err("school", "De naam van de school is te lang (meer dan 200 tekens).")
    if values.out_of_school_since is not None and "out_of_school_since" in touched:
        if values.out_of_school_since > today:
            err("out_of_school_since", "'Thuiszitter sinds' ligt in de toekomst.")
        elif values.out_of_school_since < values.birth_date:
            err("out_of_school_since", "'Thuiszitter sinds' ligt voor de geboortedatum.")
    if values.postcode and not _POSTCODE.match(values.postcode):
        err("postcode", "Vul een postcode in als 1234 AB.")
    if len(values.address) > 200:
        err("address", "Het adres is te lang (meer dan 200 tekens).")
    if len(values.residence) > MAX_NAME:
        err("residence", f"De woonplaats is te lang (meer dan {MAX_NAME} tekens).")
    if len(values.referrer_contact) > 200:
        err("referrer_contact", "De contactpersoon van de verwijzer is te lang (meer dan 200 tekens).")
    for member in values.family:
        if not member.name or not member.relation:
            err("family", "Elk gezinslid heeft een naam en een relatie (bijvoorbeeld moeder).")
            break
        if len(member.name) > MAX_NAME or len(member.relation) > 50:
            err("family", "De naam of relatie van een gezinslid is te lang.")
            break
    if values.future_plan_on is not None and ({"future_plan_on", "future_plan"} & touched):
        if not values.future_plan:
            err("future_plan_on", "Een datum van het toekomstplan hoort bij een aanwezig toekomstplan.")
        elif values.future_plan_on > today:
            err("future_plan_on", "De datum van het toekomstplan ligt in de toekomst.")
    if values.future_plan_text and not values.future_plan and ({"future_plan_text", "future_plan"} & touched):
        err("future_plan_text", "Een inhoud hoort bij een aanwezig toekomstplan.")
    if len(values.future_plan_text) > MAX_PLAN_TEXT:
        err(
            "future_plan_text",
            f"De inhoud van het toekomstplan is te lang (meer dan {MAX_PLAN_TEXT} tekens).",
        )
    return errors


def shown(value: object) -> str:
    """A value as the change history shows it (Dutch; codes of multi-choices as numbers)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, frozenset):
        return ", ".join(str(int(v)) for v in sorted(value)) or "—"
    if isinstance(value, tuple):
        return (
            "; ".join(f"{m.name} ({m.relation}{', gezag' if m.has_authority else ''})" for m in value) or "—"
        )
    if isinstance(value, IntEnum):
        return str(int(value))
    if isinstance(value, Enum):
        return str(value.label) if hasattr(value, "label") else str(value.value)
    return str(value)
