"""Which stored youth a referral is about: by BSN, or possibly by name and birth date.

Feeds the new-referral form (ui.cases.new_referral), intake and the case import. Nothing
here changes a youth silently: a stored value is replaced only for a field someone chose
(`take`), and an empty stored field is filled (a gap), both audited by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.audit import record
from ret_desk.db.models import Case, FamilyMember, Municipality, Youth
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.errors import FieldError, InvalidInput, StaleEdit
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.referral import ReferralDraft, normalised
from ret_desk.domain.youth_identity import (
    NO_SCHOOL,
    REFERRAL_FIELDS,
    FamilyFact,
    FieldDifference,
    YouthFacts,
    describe,
    differences,
    gaps,
    same_name,
)


@dataclass(frozen=True, slots=True)
class StoredYouth:
    """An existing youth as the form shows it: its cases, municipality and the differences
    with the referral typed. No BSN, no address: only what deciding needs."""

    youth_id: int
    version: int
    case_numbers: tuple[str, ...]
    municipality: str
    differences: tuple[FieldDifference, ...]


@dataclass(frozen=True, slots=True)
class YouthCheck:
    by_bsn: StoredYouth | None = None
    candidates: tuple[StoredYouth, ...] = ()


@dataclass(frozen=True, slots=True)
class YouthChoice:
    """The coordinator's decision: add the case to `youth_id` (None: a new youth), taking
    the referral's value for the fields in `take_new` and keeping the stored one for the rest."""

    youth_id: int | None = None
    version: int | None = None
    take_new: frozenset[str] = frozenset()


def facts_of_youth(youth: Youth) -> YouthFacts:
    return YouthFacts(
        family_name=youth.family_name,
        given_name=youth.given_name,
        birth_date=youth.birth_date,
        gender=youth.gender,
        municipality_code=youth.municipality.cbs_code,
        address=youth.address,
        postcode=youth.postcode,
        residence=youth.residence,
        school=NO_SCHOOL if youth.no_school else (youth.school or ""),
        legal_framework=youth.legal_framework,
        family=tuple(FamilyFact(m.name, m.relation, m.has_authority) for m in youth.family),
        bsn=youth.bsn,
    )


def facts_of_draft(draft: ReferralDraft) -> YouthFacts:
    return YouthFacts(
        family_name=draft.family_name,
        given_name=draft.given_name,
        birth_date=draft.birth_date,
        gender=draft.gender.value,
        municipality_code=draft.municipality_code,
        address=draft.address,
        postcode=draft.postcode,
        residence=draft.residence,
        school=NO_SCHOOL if draft.no_school else (draft.school or ""),
        legal_framework=draft.legal_framework.value,
        family=tuple(FamilyFact(m.name.strip(), m.relation.strip(), m.has_authority) for m in draft.family),
        bsn=draft.bsn or None,
    )


def municipality_names(session: Session) -> dict[str, str]:
    return {code: name for code, name in session.execute(select(Municipality.cbs_code, Municipality.name))}


def find_by_bsn(session: Session, bsn: str | None) -> Youth | None:
    return session.scalar(select(Youth).where(Youth.bsn == bsn)) if bsn else None


def name_candidates(session: Session, draft: ReferralDraft) -> list[Youth]:
    """Youths with the same name and birth date (case, accents and spaces aside). With a
    BSN on the referral only youths without one qualify: another BSN is another child."""
    stmt = select(Youth).where(Youth.birth_date == draft.birth_date).order_by(Youth.id)
    if draft.bsn:
        stmt = stmt.where(Youth.bsn.is_(None))
    return [
        y
        for y in session.scalars(stmt)
        if same_name(y.family_name, y.given_name, draft.family_name, draft.given_name)
    ]


def case_numbers(session: Session, youth_id: int) -> tuple[str, ...]:
    return tuple(session.scalars(select(Case.number).where(Case.youth_id == youth_id).order_by(Case.number)))


def stored_youth(session: Session, youth: Youth, new: YouthFacts, names: dict[str, str]) -> StoredYouth:
    stored = facts_of_youth(youth)
    fields = differences(stored, new, REFERRAL_FIELDS)
    return StoredYouth(
        youth_id=youth.id,
        version=youth.version,
        case_numbers=case_numbers(session, youth.id),
        municipality=names.get(stored.municipality_code, ""),
        differences=tuple(describe(stored, new, fields, names)),
    )


def check_referral_youth(*, uow: UnitOfWork, actor: Actor, draft: ReferralDraft) -> YouthCheck:
    """The stored youth with this BSN, or the possible same youths by name and birth date.
    Showing them is a read of their data: one audit event per youth shown."""
    require(actor.role, Action.REGISTER_REFERRAL)
    draft = normalised(replace(draft))
    with uow:
        session = uow.session
        names = municipality_names(session)
        new = facts_of_draft(draft)
        youth = find_by_bsn(session, draft.bsn)
        if youth is not None and youth.birth_date != draft.birth_date:
            # Nothing to choose: one BSN is one child; the birth date is corrected on the case.
            raise InvalidInput(
                [FieldError("bsn", "Dit BSN hoort bij een jeugdige met een andere geboortedatum.")]
            )
        if youth is not None:
            check = YouthCheck(by_bsn=stored_youth(session, youth, new, names))
            shown, why = [youth], "jeugdige met dit BSN"
        else:
            found = name_candidates(session, draft)
            check = YouthCheck(candidates=tuple(stored_youth(session, y, new, names) for y in found))
            shown, why = found, "mogelijk dezelfde jeugdige (naam en geboortedatum)"
        for y in shown:
            record(session, actor, "youth_view", youth_id=y.id, detail=f"bij nieuwe aanmelding: {why}")
        uow.commit()
        return check


def referral_youth(
    session: Session, draft: ReferralDraft, choice: YouthChoice | None
) -> tuple[Youth | None, frozenset[str], list[FieldError]]:
    """The stored youth a (normalised) referral goes to and the fields it replaces, or the
    reasons it cannot be stored yet. (None, ∅, []) means: a new youth."""
    new = facts_of_draft(draft)
    youth = find_by_bsn(session, draft.bsn)
    if youth is None and choice is not None and choice.youth_id is not None:
        youth = session.get(Youth, choice.youth_id)
        if youth is None or youth not in name_candidates(session, draft):
            refusal = FieldError("family_name", "De gekozen jeugdige past niet bij deze aanmelding.")
            return None, frozenset(), [refusal]
    if youth is not None:
        diffs = differences(facts_of_youth(youth), new, REFERRAL_FIELDS)
        decided = choice is not None and choice.youth_id == youth.id
        if not decided:
            if diffs:
                labels = ", ".join(diffs)
                message = (
                    "Deze jeugdige staat al in de opslag en deze gegevens verschillen: "
                    f"{labels}. Kies per veld wat blijft."
                )
                return None, frozenset(), [FieldError("bsn", message)]
            return youth, frozenset(), []
        if choice.version is not None and choice.version != youth.version:
            raise StaleEdit(
                "Iemand anders heeft deze jeugdige intussen gewijzigd. Niets is opgeslagen; "
                "bekijk de verschillen opnieuw."
            )
        return youth, choice.take_new & frozenset(diffs), []
    if choice is None and name_candidates(session, draft):
        message = (
            "Mogelijk dezelfde jeugdige: er staat al een jeugdige met deze naam en geboortedatum "
            "in de opslag. Koppel de aanmelding aan die jeugdige of bevestig een nieuwe jeugdige."
        )
        return None, frozenset(), [FieldError("family_name", message)]
    return None, frozenset(), []


def _municipality_id(session: Session, code: str) -> int:
    return session.scalar(select(Municipality.id).where(Municipality.cbs_code == code))


def apply_facts(session: Session, youth: Youth, facts: YouthFacts, fields: Iterable[str]) -> None:
    """Set `fields` of `youth` from `facts` (a referral or another youth)."""
    for field in fields:
        if field == "achternaam":
            youth.family_name = facts.family_name.strip()
        elif field == "voornaam":
            youth.given_name = facts.given_name.strip()
        elif field == "geboortedatum":
            youth.birth_date = facts.birth_date
        elif field == "geslacht":
            youth.gender = facts.gender
        elif field == "gemeente":
            youth.municipality_id = _municipality_id(session, facts.municipality_code)
        elif field == "adres":
            youth.address = facts.address
        elif field == "postcode":
            youth.postcode = facts.postcode
        elif field == "woonplaats":
            youth.residence = facts.residence
        elif field == "school":
            youth.no_school = facts.school == NO_SCHOOL
            youth.school = None if youth.no_school else facts.school
        elif field == "wettelijk_kader":
            youth.legal_framework = facts.legal_framework
        elif field == "gezin":
            youth.family = [
                FamilyMember(name=m.name, relation=m.relation, has_authority=m.has_authority)
                for m in facts.family
            ]


def update_youth(
    session: Session,
    youth: Youth,
    new: YouthFacts,
    take: Iterable[str],
    fields: Iterable[str] = REFERRAL_FIELDS,
) -> list[str]:
    """Replace the chosen fields that differ and fill empty ones (an empty new value never
    replaces anything); the changed fields, for the audit."""
    fields = tuple(fields)
    stored = facts_of_youth(youth)
    chosen = (set(take) & set(differences(stored, new, fields))) | set(gaps(stored, new, fields))
    changed = [f for f in fields if f in chosen]
    apply_facts(session, youth, new, changed)
    if youth.bsn is None and new.bsn:
        youth.bsn = new.bsn
        changed.append("bsn")
    return changed
