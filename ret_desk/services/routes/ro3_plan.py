"""RO3 (Regie op 3) use cases that write: add a party, add an agreement, mark it done or
not kept (with its consequence), record a review. Only the coordinator (`manage_ro3`), and
only while the case is on an RO3 route: after it moved on, the record is history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ret_desk.db.audit import record_case
from ret_desk.db.models import Case, Ro3Agreement, Ro3Party, Ro3Review
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain import ro3 as rules
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.errors import FieldError, InvalidInput, NotFound, RuleViolation, StaleEdit
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.routes.route_names import record_label, refuse_unless_on_kind


def _writable(session: Session, number: str) -> Case:
    """The case, if its RO3 record may still be written."""
    case = case_by_number(session, number)
    refuse_unless_on_kind(session, case, RouteKind.CASUSREGIE)
    if case.status == CaseStatus.CLOSED.value:
        label = record_label(session, case, RouteKind.CASUSREGIE)
        raise RuleViolation(
            f"Casus {case.number} is afgesloten; het dossier van {label} is alleen in te zien."
        )
    return case


def _parties(session: Session, case: Case) -> list[Ro3Party]:
    return list(session.scalars(select(Ro3Party).where(Ro3Party.case_id == case.id).order_by(Ro3Party.id)))


def add_party(
    *, uow: UnitOfWork, actor: Actor, number: str, organisation: str, role: str, contact: str = ""
) -> int:
    """Add a party to the case's RO3 record; returns its id."""
    require(actor.role, Action.MANAGE_RO3)
    with uow:
        case = _writable(uow.session, number)
        rules.check_party(organisation, role, [p.organisation for p in _parties(uow.session, case)])
        party = Ro3Party(
            case_id=case.id,
            organisation=" ".join(organisation.split()),
            role=role.strip(),
            contact=contact.strip(),
            created_by=actor.username,
        )
        uow.session.add(party)
        uow.flush()
        record_case(uow.session, actor, "ro3_party_add", case, detail=f"partij {party.id}")
        uow.commit()
        return party.id


def add_agreement(
    *, uow: UnitOfWork, actor: Actor, number: str, party: str, what: str, due: date | None
) -> int:
    """Add an agreement of `party` (an organisation already in the record); returns its id."""
    require(actor.role, Action.MANAGE_RO3)
    with uow:
        case = _writable(uow.session, number)
        parties = _parties(uow.session, case)
        found = next((p for p in parties if rules.same_name(p.organisation) == rules.same_name(party)), None)
        errors = []
        if found is None:
            known = ", ".join(p.organisation for p in parties)
            message = (
                f"'{party.strip()}' is geen partij in casus {case.number}; kies uit: {known}."
                if parties
                else f"Casus {case.number} heeft nog geen partijen; voeg eerst een partij toe."
            )
            errors.append(FieldError("party", message))
        try:
            rules.check_agreement(what, due)
        except InvalidInput as exc:
            errors += exc.errors
        if errors:
            raise InvalidInput(errors)
        agreement = Ro3Agreement(
            case_id=case.id,
            party_id=found.id,
            what=what.strip(),
            due_on=due,
            status=rules.AgreementStatus.OPEN.value,
            consequence="",
            created_by=actor.username,
        )
        uow.session.add(agreement)
        uow.flush()
        record_case(uow.session, actor, "ro3_agreement_add", case, detail=f"afspraak {agreement.id}")
        uow.commit()
        return agreement.id


def _agreement(session: Session, case: Case, agreement_id: int, expected_version: int | None) -> Ro3Agreement:
    agreement = session.get(Ro3Agreement, agreement_id)
    if agreement is None or agreement.case_id != case.id:
        raise NotFound(f"Casus {case.number} heeft geen RO3-afspraak {agreement_id}.")
    if expected_version is not None and agreement.version != expected_version:
        raise StaleEdit(
            "Iemand anders heeft deze afspraak intussen gewijzigd. Uw wijziging is niet opgeslagen; "
            "laad de casus opnieuw."
        )
    return agreement


def mark_done(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    agreement_id: int,
    today: date | None = None,
    expected_version: int | None = None,
) -> None:
    """Mark an open agreement as done (afgerond)."""
    require(actor.role, Action.MANAGE_RO3)
    with uow:
        case = _writable(uow.session, number)
        agreement = _agreement(uow.session, case, agreement_id, expected_version)
        rules.check_mark(rules.AgreementStatus(agreement.status), rules.AgreementStatus.DONE)
        agreement.status = rules.AgreementStatus.DONE.value
        agreement.done_on = today or date.today()
        record_case(uow.session, actor, "ro3_agreement_done", case, detail=f"afspraak {agreement.id}")
        uow.commit()


def mark_not_kept(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    agreement_id: int,
    consequence: str,
    today: date | None = None,
    expected_version: int | None = None,
) -> None:
    """Mark an open agreement as not kept (niet nagekomen), with what follows from it."""
    require(actor.role, Action.MANAGE_RO3)
    with uow:
        case = _writable(uow.session, number)
        agreement = _agreement(uow.session, case, agreement_id, expected_version)
        rules.check_mark(rules.AgreementStatus(agreement.status), rules.AgreementStatus.NOT_KEPT, consequence)
        agreement.status = rules.AgreementStatus.NOT_KEPT.value
        agreement.consequence = consequence.strip()
        agreement.not_kept_on = today or date.today()
        record_case(uow.session, actor, "ro3_agreement_not_kept", case, detail=f"afspraak {agreement.id}")
        uow.commit()


def add_review(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    held_on: date | None,
    report: str = "",
    today: date | None = None,
) -> int:
    """Record a review (evaluatie) of the plan; returns its id."""
    require(actor.role, Action.MANAGE_RO3)
    with uow:
        case = _writable(uow.session, number)
        rules.check_review(held_on, today or date.today())
        review = Ro3Review(case_id=case.id, held_on=held_on, report=report.strip(), created_by=actor.username)
        uow.session.add(review)
        uow.flush()
        record_case(uow.session, actor, "ro3_review_add", case, detail=f"evaluatie {review.id}")
        uow.commit()
        return review.id
