"""Registering a referral: validate fully, then write youth, case and history at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
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
from ret_desk.services.admin.reference import route_in, routes_in
from ret_desk.services.cases.case_numbers import next_case_number, note_own_number
from ret_desk.services.cases.youth_identity import (
    YouthChoice,
    facts_of_draft,
    find_by_bsn,
    referral_youth,
    update_youth,
)


@dataclass(frozen=True, slots=True)
class CaseRef:
    id: int
    number: str


def draft_problems(
    session: Session, draft: ReferralDraft, today: date, *, require_school: bool
) -> list[FieldError]:
    """Every reason the draft cannot be stored, including clashes with stored data."""
    codes = set(session.scalars(select(Municipality.cbs_code)))
    errors = validate_referral(draft, municipality_codes=codes, today=today, require_school=require_school)
    if draft.route and route_in(session, draft.route) is None:
        allowed = ", ".join(r.key for r in routes_in(session))
        errors.append(FieldError("route", f"Onbekende route '{draft.route}'. Kies uit: {allowed}."))
    if draft.case_number and session.scalar(select(Case.id).where(Case.number == draft.case_number.strip())):
        errors.append(FieldError("case_number", f"Casusnummer {draft.case_number} bestaat al."))
    if draft.bsn and not any(e.field == "bsn" for e in errors):
        known_birth = session.scalar(select(Youth.birth_date).where(Youth.bsn == normalise_bsn(draft.bsn)))
        if known_birth is not None and known_birth != draft.birth_date:
            errors.append(FieldError("bsn", "Dit BSN hoort bij een jeugdige met een andere geboortedatum."))
    return errors


def write_referral(
    session: Session,
    actor: Actor,
    draft: ReferralDraft,
    today: date,
    *,
    youth: Youth | None = None,
    take: Iterable[str] = (),
) -> Case:
    """Write a validated draft into `session` (no commit), with history and audit.

    The case goes to `youth`, or else to the stored youth with the draft's BSN, or else to
    a new youth. A stored youth changes only in the fields in `take` and in empty fields."""
    draft = normalised(draft)
    # The number first: drawing it locks the series (see case_numbers) before this
    # intake writes anything else, so two intakes always take their locks in one order.
    number = (draft.case_number or "").strip()
    if number:
        note_own_number(session, number)
    else:
        number = next_case_number(session, draft.referral_date.year)
    if youth is None:
        youth = find_by_bsn(session, draft.bsn)
    changed: list[str] = []
    if youth is None:
        youth = Youth(
            bsn=draft.bsn,
            family_name=draft.family_name,
            given_name=draft.given_name,
            birth_date=draft.birth_date,
            gender=draft.gender.value,
            municipality_id=session.scalar(
                select(Municipality.id).where(Municipality.cbs_code == draft.municipality_code)
            ),
            school=draft.school,
            no_school=draft.no_school,
            legal_framework=draft.legal_framework.value,
            address=draft.address,
            postcode=draft.postcode,
            residence=draft.residence,
            family=[
                FamilyMember(name=m.name.strip(), relation=m.relation.strip(), has_authority=m.has_authority)
                for m in draft.family
            ],
        )
        session.add(youth)
    else:
        changed = update_youth(session, youth, facts_of_draft(draft), take)
    case = Case(
        number=number,
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
        current_route=draft.route or None,
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
                to_route=draft.route,
                by_account_id=actor.account_id,
                by_name=actor.username,
                reason="Route bij aanmelding",
            )
        )
    session.flush()
    record_case(session, actor, "case_create", case)
    if changed:
        record_case(session, actor, "youth_update", case, detail="bij aanmelding: " + ", ".join(changed))
    return case


def register_referral(
    *,
    uow: UnitOfWork,
    actor: Actor,
    draft: ReferralDraft,
    today: date | None = None,
    youth: YouthChoice | None = None,
) -> CaseRef:
    """Validate and store a new referral; InvalidInput lists every problem, nothing saved.

    When the youth may already be stored (same BSN with other data, or the same name and
    birth date) the referral is refused until `youth` says which youth and which fields
    (see services.cases.youth_identity.check_referral_youth)."""
    require(actor.role, Action.REGISTER_REFERRAL)
    today = today or date.today()
    with uow:
        errors = draft_problems(uow.session, draft, today, require_school=True)
        if errors:
            raise InvalidInput(errors)
        draft = normalised(replace(draft))
        stored, take, errors = referral_youth(uow.session, draft, youth)
        if errors:
            raise InvalidInput(errors)
        case = write_referral(uow.session, actor, draft, today, youth=stored, take=take)
        uow.commit()
        return CaseRef(case.id, case.number)
