"""Completing and correcting a case after intake: one versioned, audited edit with its history.

The caller passes only what it changes (`changes`, keyed by CaseFields names); the app's dialog
may pass every field, and only those that differ are written. Everything is validated first:
InvalidInput lists every problem and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ret_desk.db.audit import record_case
from ret_desk.db.base import utcnow
from ret_desk.db.models import Case, FamilyMember, Municipality, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.case_fields import (
    FIELD_NAMES,
    IDENTITY_FIELDS,
    YOUTH_FIELDS,
    CaseFields,
    changed_fields,
    normalise,
    shown,
    validate_fields,
)
from ret_desk.domain.enums import (
    FamilyParticipation,
    Gender,
    GvaTrigger,
    InterventionLevel,
    LegalFramework,
    ReferrerType,
    TargetGroup,
    Urgency,
    from_mask,
    to_mask,
)
from ret_desk.domain.errors import FieldError, InvalidInput, StaleEdit
from ret_desk.domain.gva_block import is_blocked
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.referral import FamilyMemberDraft
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.cases.change_history import add_change


@dataclass(frozen=True, slots=True)
class EditResult:
    version: int
    youth_version: int
    changed: list[str]


def fields_of(case: Case) -> CaseFields:
    """The stored values of a case and its youth, as the domain knows them."""
    youth = case.youth
    return CaseFields(
        gva_present=case.gva_present,
        gva_date=case.gva_date,
        gva_triggers=from_mask(case.gva_trigger_mask, GvaTrigger),
        case_manager=case.case_manager,
        urgency=Urgency(case.urgency),
        target_groups=from_mask(case.target_group_mask, TargetGroup),
        intervention_level=InterventionLevel(case.intervention_level) if case.intervention_level else None,
        legal_framework=LegalFramework(youth.legal_framework),
        family_participation=FamilyParticipation(case.family_participation),
        gender=Gender(youth.gender),
        municipality_code=youth.municipality.cbs_code,
        school=youth.school,
        no_school=youth.no_school,
        out_of_school_since=youth.out_of_school_since,
        address=youth.address,
        postcode=youth.postcode,
        residence=youth.residence,
        referrer_contact=case.referrer_contact,
        family=tuple(FamilyMemberDraft(m.name, m.relation, m.has_authority) for m in youth.family),
        future_plan=case.future_plan,
        future_plan_on=case.future_plan_on,
        future_plan_text=case.future_plan_text,
        family_name=youth.family_name,
        given_name=youth.given_name,
        birth_date=youth.birth_date,
        bsn=youth.bsn,
    )


def _stored(name: str, value: object) -> object:
    """A domain value in its column's form."""
    if name in ("gva_triggers", "target_groups"):
        return to_mask(value)
    if name == "intervention_level":
        return int(value) if value is not None else None
    if name in ("urgency", "legal_framework", "family_participation", "gender"):
        return value.value
    return value


_COLUMNS = {"gva_triggers": "gva_trigger_mask", "target_groups": "target_group_mask"}


def _municipalities(session: Session) -> dict[str, tuple[int, str]]:
    """CBS code → (id, name) of the region's municipalities."""
    return {
        code: (id_, name)
        for id_, code, name in session.execute(
            select(Municipality.id, Municipality.cbs_code, Municipality.name)
        )
    }


def _apply(
    case: Case, values: CaseFields, changed: list[str], municipalities: dict[str, tuple[int, str]]
) -> None:
    for name in changed:
        value = getattr(values, name)
        if name == "family":
            case.youth.family = [
                FamilyMember(name=m.name, relation=m.relation, has_authority=m.has_authority) for m in value
            ]
            flag_modified(case.youth, "family_name")  # a new family is a new youth version too
            continue
        if name == "municipality_code":
            case.youth.municipality_id = municipalities[value][0]
            continue
        target = case.youth if name in YOUTH_FIELDS else case
        setattr(target, _COLUMNS.get(name, name), _stored(name, value))


def _problems(
    session: Session,
    case: Case,
    after: CaseFields,
    changed: list[str],
    reason: str,
    override: str | None,
    today: date,
) -> list[FieldError]:
    errors = validate_fields(
        after,
        changed,
        referral_date=case.referral_date,
        referrer_type=ReferrerType(case.referrer_type),
        today=today,
        municipality_codes=set(_municipalities(session)) if "municipality_code" in changed else None,
    )
    if IDENTITY_FIELDS & set(changed) and not reason.strip():
        errors.append(
            FieldError("reason", "Geef een reden voor de correctie van naam, BSN of geboortedatum.")
        )
    if "bsn" in changed and after.bsn and not any(e.field == "bsn" for e in errors):
        other = session.scalar(select(Youth.id).where(Youth.bsn == after.bsn, Youth.id != case.youth_id))
        if other is not None:
            errors.append(
                FieldError(
                    "bsn",
                    "Dit BSN hoort al bij een andere jeugdige. Voeg de twee jeugdigen samen in plaats "
                    "van het BSN te wijzigen.",
                )
            )
    if override is not None:
        if not override.strip():
            errors.append(
                FieldError("gva_override", "Geef een reden voor de uitzondering op de GVA-blokkade.")
            )
        elif not is_blocked(after.gva_triggers, after.gva_present, ""):
            errors.append(
                FieldError(
                    "gva_override",
                    "Er is geen GVA-blokkade: er is geen GVA-aanleiding, of de GVA is aanwezig.",
                )
            )
    return errors


def edit_case(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    changes: dict[str, object],
    reason: str = "",
    gva_override: str | None = None,
    expected_version: int | None = None,
    expected_youth_version: int | None = None,
    today: date | None = None,
) -> EditResult:
    """Write the changed fields, one history line each, and the audit events, in one transaction.

    `reason` is required when name, BSN or birth date change; `gva_override` records a
    coordinator's exception to the GVA block, with its reason."""
    require(actor.role, Action.EDIT_CASE)
    unknown = set(changes) - set(FIELD_NAMES)
    if unknown:
        raise ValueError(f"unknown case fields: {sorted(unknown)}")
    today = today or date.today()
    with uow:
        session = uow.session
        case = case_by_number(session, number, expected_version)
        if expected_youth_version is not None and case.youth.version != expected_youth_version:
            raise StaleEdit(
                f"Iemand anders heeft de jeugdige van casus {case.number} intussen gewijzigd. Uw "
                "wijziging is niet opgeslagen; laad de casus opnieuw."
            )
        before = fields_of(case)
        after = normalise(CaseFields(**{**{n: getattr(before, n) for n in FIELD_NAMES}, **changes}))
        changed = changed_fields(before, after)
        if IDENTITY_FIELDS & set(changed):
            require(actor.role, Action.CORRECT_IDENTITY)
        if gva_override is not None:
            require(actor.role, Action.OVERRIDE_GVA)
        if errors := _problems(session, case, after, changed, reason, gva_override, today):
            raise InvalidInput(errors)
        if not changed and gva_override is None:
            return EditResult(case.version, case.youth.version, [])
        identity = [n for n in changed if n in IDENTITY_FIELDS]
        places = _municipalities(session)
        for name in changed:
            why = reason.strip() if name in IDENTITY_FIELDS else ""
            old, new = getattr(before, name), getattr(after, name)
            if name == "municipality_code":  # the history names the municipality, not its code
                old, new = places.get(old, (0, old))[1], places[new][1]
            add_change(session, actor, case, name, shown(old), shown(new), why)
        _apply(case, after, changed, places)
        if gva_override is not None:
            add_change(
                session, actor, case, "gva_override", case.gva_override_reason or "—", gva_override.strip()
            )
            case.gva_override_reason = gva_override.strip()
            case.gva_override_by = actor.username
            case.gva_override_at = utcnow()
        case.updated_at = utcnow()  # every edit bumps the case's version, also a youth-only one
        session.flush()
        # Field names only: the values (names, BSN) stay in the history, never in the log.
        if plain := [n for n in changed if n not in IDENTITY_FIELDS]:
            record_case(session, actor, "case_edit", case, detail="velden: " + ", ".join(plain))
        if identity:
            record_case(session, actor, "youth_correct", case, detail="velden: " + ", ".join(identity))
        if gva_override is not None:
            record_case(session, actor, "gva_override", case, detail="uitzondering op GVA-blokkade")
        uow.commit()
        return EditResult(
            case.version, case.youth.version, changed + (["gva_override"] if gva_override else [])
        )
