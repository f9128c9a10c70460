"""Registering a referral: validate fully, then write youth, case and history at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ret_desk.db.audit import record_case
from ret_desk.db.models import Case, FamilyMember, Municipality, RouteAssignment, StatusChange, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.bsn import normalise_bsn
from ret_desk.domain.enums import CaseStatus, to_mask
from ret_desk.domain.errors import FieldError, InvalidInput
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.referral import ReferralDraft, normalised, validate_referral


@dataclass(frozen=True, slots=True)
class CaseRef:
    id: int
    number: str


def next_case_number(session: Session, year: int) -> str:
    prefix = f"RET-{year}-"
    last = session.scalar(select(func.max(Case.number)).where(Case.number.like(prefix + "%")))
    seq = int(last.removeprefix(prefix)) + 1 if last and last.removeprefix(prefix).isdigit() else 1
    return f"{prefix}{seq:05d}"


def draft_problems(
    session: Session, draft: ReferralDraft, today: date, *, require_school: bool
) -> list[FieldError]:
    """Every reason the draft cannot be stored, including clashes with stored data."""
    codes = set(session.scalars(select(Municipality.cbs_code)))
    errors = validate_referral(draft, municipality_codes=codes, today=today, require_school=require_school)
    if draft.case_number and session.scalar(select(Case.id).where(Case.number == draft.case_number.strip())):
        errors.append(FieldError("case_number", f"Casusnummer {draft.case_number} bestaat al."))
    if draft.bsn and not any(e.field == "bsn" for e in errors):
        known_birth = session.scalar(select(Youth.birth_date).where(Youth.bsn == normalise_bsn(draft.bsn)))
        if known_birth is not None and known_birth != draft.birth_date:
            errors.append(FieldError("bsn", "Dit BSN hoort bij een jeugdige met een andere geboortedatum."))
    return errors


def write_referral(session: Session, actor: Actor, draft: ReferralDraft, today: date) -> Case:
    """Write a validated draft into `session` (no commit), with history and audit."""
    draft = normalised(draft)
    municipality_id = session.scalar(
        select(Municipality.id).where(Municipality.cbs_code == draft.municipality_code)
    )
    youth = None
    if draft.bsn:
        youth = session.scalar(select(Youth).where(Youth.bsn == draft.bsn))
    if youth is None:
        youth = Youth(bsn=draft.bsn)
        session.add(youth)
    youth.family_name = draft.family_name
    youth.given_name = draft.given_name
    youth.birth_date = draft.birth_date
    youth.gender = draft.gender.value
    youth.municipality_id = municipality_id
    youth.school = draft.school
    youth.no_school = draft.no_school
    youth.legal_framework = draft.legal_framework.value
    if draft.address or draft.postcode or draft.residence:
        youth.address, youth.postcode, youth.residence = draft.address, draft.postcode, draft.residence
    if draft.family:
        youth.family = [
            FamilyMember(name=m.name.strip(), relation=m.relation.strip(), has_authority=m.has_authority)
            for m in draft.family
        ]
    case = Case(
        number=(draft.case_number or "").strip() or next_case_number(session, draft.referral_date.year),
        youth=youth,
        referral_date=draft.referral_date,
        referrer_type=draft.referrer_type.value,
        referrer_organisation=draft.referrer_organisation,
        referrer_contact=draft.referrer_contact.strip(),
        help_question=draft.help_question,
        gva_trigger_mask=to_mask(draft.gva_triggers),
        gva_present=draft.gva_present,
        gva_date=draft.gva_date,
        target_group_mask=to_mask(draft.target_groups),
        intervention_level=int(draft.intervention_level) if draft.intervention_level else None,
        family_participation=draft.family_participation.value,
        case_manager=draft.case_manager.strip(),
        status=CaseStatus.REGISTERED.value,
        current_route=draft.route.value if draft.route else None,
        urgency=draft.urgency.value,
        last_progress_on=draft.referral_date,
    )
    session.add(case)
    session.add(
        StatusChange(
            case=case,
            from_status=None,
            to_status=CaseStatus.REGISTERED.value,
            by_account_id=actor.account_id,
            by_name=actor.username,
            reason="Aanmelding geregistreerd",
        )
    )
    if draft.route:
        session.add(
            RouteAssignment(
                case=case,
                from_route=None,
                to_route=draft.route.value,
                by_account_id=actor.account_id,
                by_name=actor.username,
                reason="Route bij aanmelding",
            )
        )
    session.flush()
    record_case(session, actor, "case_create", case)
    return case


def register_referral(
    *, uow: UnitOfWork, actor: Actor, draft: ReferralDraft, today: date | None = None
) -> CaseRef:
    """Validate and store a new referral; InvalidInput lists every problem, nothing saved."""
    require(actor.role, Action.REGISTER_REFERRAL)
    today = today or date.today()
    with uow:
        errors = draft_problems(uow.session, draft, today, require_school=True)
        if errors:
            raise InvalidInput(errors)
        case = write_referral(uow.session, actor, draft, today)
        uow.commit()
        return CaseRef(case.id, case.number)
