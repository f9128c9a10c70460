"""A new referral as typed input, and the rules it must meet before anything is saved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

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
from ret_desk.domain.referrers import referrer_refusal
from ret_desk.domain.stray_characters import stray_character, stray_character_message

#: The RET serves children and young people from 0 up to 23 (DOMAIN "Who and why").
MAX_AGE_YEARS = 23
MAX_NAME = 100
MAX_TEXT = 4000
#: A help question may carry a long history (imports from old files run to many pages).
MAX_HELP_QUESTION = 100_000
_POSTCODE = re.compile(r"^[1-9][0-9]{3}\s?[A-Za-z]{2}$")


@dataclass(frozen=True, slots=True)
class FamilyMemberDraft:
    """A parent or carer; has_authority means gezag."""

    name: str
    relation: str
    has_authority: bool = False


@dataclass(slots=True)
class ReferralDraft:
    """Everything a coordinator enters for a new referral. Field names key the errors."""

    referral_date: date
    family_name: str
    given_name: str
    birth_date: date
    municipality_code: str
    referrer_type: ReferrerType
    referrer_organisation: str
    help_question: str
    gender: Gender = Gender.UNKNOWN
    bsn: str | None = None
    case_number: str | None = None
    school: str | None = None
    no_school: bool = False
    legal_framework: LegalFramework = LegalFramework.VOLUNTARY
    referrer_contact: str = ""
    gva_triggers: frozenset[GvaTrigger] = field(default_factory=frozenset)
    gva_present: bool = False
    gva_date: date | None = None
    target_groups: frozenset[TargetGroup] = field(default_factory=frozenset)
    intervention_level: InterventionLevel | None = None
    family_participation: FamilyParticipation = FamilyParticipation.UNKNOWN
    urgency: Urgency = Urgency.NORMAL
    route: str | None = None  # a route key of the store's region
    case_manager: str = ""
    address: str = ""
    postcode: str = ""
    residence: str = ""
    family: tuple[FamilyMemberDraft, ...] = ()


def validate_referral(
    draft: ReferralDraft,
    *,
    municipality_codes: set[str],
    today: date,
    require_school: bool = True,
) -> list[FieldError]:
    """Every rule the draft breaks, as Dutch field errors; an empty list means valid."""
    errors: list[FieldError] = []

    def err(name: str, message: str) -> None:
        errors.append(FieldError(name, message))

    for name, value, label, multiline in (
        ("family_name", draft.family_name, "De achternaam", False),
        ("given_name", draft.given_name, "De voornaam", False),
        ("referrer_organisation", draft.referrer_organisation, "De verwijzer", False),
        ("referrer_contact", draft.referrer_contact, "De contactpersoon", False),
        ("help_question", draft.help_question, "De hulpvraag", True),
        ("school", draft.school or "", "De school", False),
        ("case_manager", draft.case_manager, "De casusregisseur", False),
        ("address", draft.address, "Het adres", False),
        ("residence", draft.residence, "De woonplaats", False),
    ):
        if found := stray_character(value.strip(), multiline=multiline):
            err(name, stray_character_message(label, found))
    for name, value, label in (
        ("family_name", draft.family_name, "De achternaam"),
        ("given_name", draft.given_name, "De voornaam"),
    ):
        if not value.strip():
            err(name, f"{label} is verplicht.")
        elif len(value) > MAX_NAME:
            err(name, f"{label} is te lang (meer dan {MAX_NAME} tekens).")
    if draft.referral_date > today:
        err("referral_date", "De aanmelddatum ligt in de toekomst.")
    if draft.birth_date > today:
        err("birth_date", "De geboortedatum ligt in de toekomst.")
    elif age_in_years(draft.birth_date, draft.referral_date) > MAX_AGE_YEARS - 1:
        err("birth_date", f"Het RET is er voor jeugdigen tot {MAX_AGE_YEARS} jaar.")
    elif draft.birth_date > draft.referral_date:
        err("birth_date", "De geboortedatum ligt na de aanmelddatum.")
    if draft.bsn:
        message = bsn_error(draft.bsn)
        if message:
            err("bsn", message)
    if draft.municipality_code not in municipality_codes:
        err("municipality_code", "Kies een gemeente uit de regio.")
    if require_school and not draft.no_school and not (draft.school or "").strip():
        err("school", "Vul de school in, of kies 'geen school'.")
    if draft.no_school and (draft.school or "").strip():
        err("school", "Kies een school óf 'geen school', niet allebei.")
    if not draft.referrer_organisation.strip():
        err("referrer_organisation", "De organisatie van de verwijzer is verplicht.")
    if not draft.help_question.strip():
        err("help_question", "De hulpvraag is verplicht.")
    elif len(draft.help_question) > MAX_HELP_QUESTION:
        err("help_question", f"De hulpvraag is te lang (meer dan {MAX_HELP_QUESTION} tekens).")
    if draft.postcode.strip() and not _POSTCODE.match(draft.postcode.strip()):
        err("postcode", "Vul een postcode in als 1234 AB.")
    if len(draft.address) > 200 or len(draft.residence) > MAX_NAME:
        err("address", "Het adres of de woonplaats is te lang.")
    for member in draft.family:
        if not member.name.strip() or not member.relation.strip():
            err("family", "Elk gezinslid heeft een naam en een relatie (bijvoorbeeld moeder).")
            break
        if len(member.name) > MAX_NAME or len(member.relation) > 50:
            err("family", "De naam of relatie van een gezinslid is te lang.")
            break
    refusal = referrer_refusal(draft.referrer_type, draft.gva_triggers)
    if refusal:
        err("referrer_type", refusal)
    if draft.gva_date is not None:
        if not draft.gva_present:
            err("gva_date", "Een GVA-datum hoort bij een aanwezige GVA.")
        elif draft.gva_date > today:
            err("gva_date", "De GVA-datum ligt in de toekomst.")
    return errors


def normalised(draft: ReferralDraft) -> ReferralDraft:
    """The draft with trimmed texts and a normalised BSN, ready to store."""
    draft.family_name = draft.family_name.strip()
    draft.given_name = draft.given_name.strip()
    draft.referrer_organisation = draft.referrer_organisation.strip()
    draft.help_question = draft.help_question.strip()
    draft.bsn = normalise_bsn(draft.bsn) if draft.bsn else None
    draft.school = (draft.school or "").strip() or None
    draft.address = draft.address.strip()
    postcode = re.sub(r"\s+", "", draft.postcode).upper()
    draft.postcode = f"{postcode[:4]} {postcode[4:]}" if postcode else ""
    draft.residence = draft.residence.strip()
    return draft
