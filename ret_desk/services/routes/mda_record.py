"""The use cases of the MDA++ record: read it, add a household member, record a phase, a
risk assessment, a new version of the safety plan and a system conference.

Writes need `manage_mda` and are allowed only while the case is on an MDA++ route; after the
case moved on the record is history, read-only. Every read and write is audited; the audit
detail never holds a name or free text."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ret_desk.db.audit import record_case
from ret_desk.db.models import Case, MdaConference, MdaMember, MdaPhase, MdaRiskAssessment, MdaSafetyPlan
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain import mda as rules
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.errors import FieldError, InvalidInput, RuleViolation
from ret_desk.domain.mda import MemberRole, Phase, RiskLevel
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.routes.mda import MdaRecord, load_record
from ret_desk.services.routes.route_names import record_label, refuse_unless_on_kind

MAX_TEXT = 10_000


def get_mda(*, uow: UnitOfWork, actor: Actor, number: str) -> MdaRecord:
    """The MDA++ record of case `number` (possibly empty); the read is audited."""
    require(actor.role, Action.VIEW_CASES)
    with uow:
        case = case_by_number(uow.session, number)
        found = load_record(uow.session, case)
        record_case(uow.session, actor, "mda_view", case)
        uow.commit()
        return found


def _writable(session: Session, actor: Actor, number: str) -> Case:
    require(actor.role, Action.MANAGE_MDA)
    case = case_by_number(session, number)
    refuse_unless_on_kind(session, case, RouteKind.SAFETY)
    if case.status == CaseStatus.CLOSED.value:
        label = record_label(session, case, RouteKind.SAFETY)
        raise RuleViolation(
            f"Casus {case.number} is afgesloten; het dossier van {label} is alleen in te zien."
        )
    return case


def _long(text: str, field: str) -> str:
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise InvalidInput([FieldError(field, f"Deze tekst heeft hoogstens {MAX_TEXT} tekens.")])
    return text


def add_member(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    name: str,
    role: MemberRole,
    victim: bool = False,
    perpetrator: bool = False,
) -> int:
    """Add a member of the household system; returns its id."""
    rules.check_member(name)
    rules.violence_position(victim=victim, perpetrator=perpetrator)
    with uow:
        case = _writable(uow.session, actor, number)
        member = MdaMember(
            case_id=case.id,
            name=name.strip(),
            role=MemberRole(role).value,
            victim=victim,
            perpetrator=perpetrator,
        )
        uow.session.add(member)
        uow.flush()
        position = rules.position_label(victim, perpetrator)
        record_case(uow.session, actor, "mda_member_add", case, detail=f"rol {member.role}, {position}")
        uow.commit()
        return member.id


def set_phase(
    *, uow: UnitOfWork, actor: Actor, number: str, phase: Phase, on: date, today: date | None = None
) -> None:
    """Record that the case entered `phase` on `on` (the latest phase is the current one)."""
    today = today or date.today()
    rules.check_dated(on, today)
    with uow:
        case = _writable(uow.session, actor, number)
        uow.session.add(
            MdaPhase(case_id=case.id, phase=Phase(phase).value, started_on=on, by_name=actor.username)
        )
        case.last_progress_on = today
        record_case(
            uow.session, actor, "mda_phase", case, detail=f"fase {Phase(phase).value} per {on.isoformat()}"
        )
        uow.commit()


def add_risk_assessment(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    instrument: str,
    level: RiskLevel,
    on: date,
    assessor: str = "",
    today: date | None = None,
) -> None:
    """Record a risk assessment: instrument, level, date and assessor (default: the actor)."""
    today = today or date.today()
    rules.check_assessment(instrument, on, today)
    with uow:
        case = _writable(uow.session, actor, number)
        uow.session.add(
            MdaRiskAssessment(
                case_id=case.id,
                instrument=instrument.strip(),
                level=RiskLevel(level).value,
                assessed_on=on,
                assessor=(assessor.strip() or actor.username)[:100],
            )
        )
        case.last_progress_on = today
        detail = f"niveau {RiskLevel(level).value} per {on.isoformat()}"
        record_case(uow.session, actor, "mda_risk", case, detail=detail)
        uow.commit()


def set_safety_plan(
    *, uow: UnitOfWork, actor: Actor, number: str, text: str, today: date | None = None
) -> int:
    """Write a new version of the safety plan (older versions are kept); returns its number."""
    today = today or date.today()
    text = _long(text, "text")
    with uow:
        case = _writable(uow.session, actor, number)
        current = uow.session.scalar(
            select(MdaSafetyPlan.text)
            .where(MdaSafetyPlan.case_id == case.id)
            .order_by(MdaSafetyPlan.version.desc())
            .limit(1)
        )
        rules.check_plan(text, current)
        last = uow.session.scalar(
            select(func.max(MdaSafetyPlan.version)).where(MdaSafetyPlan.case_id == case.id)
        )
        version = (last or 0) + 1
        uow.session.add(
            MdaSafetyPlan(
                case_id=case.id, version=version, text=text, written_on=today, author=actor.username
            )
        )
        case.last_progress_on = today
        record_case(uow.session, actor, "mda_safety_plan", case, detail=f"versie {version}")
        uow.commit()
        return version


def add_conference(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    on: date,
    participants: str,
    outcome: str,
    today: date | None = None,
) -> None:
    """Record a system conference (systeemgesprek): date, participants, outcome."""
    today = today or date.today()
    rules.check_conference(on, participants, outcome, today)
    participants, outcome = _long(participants, "participants"), _long(outcome, "outcome")
    with uow:
        case = _writable(uow.session, actor, number)
        uow.session.add(
            MdaConference(
                case_id=case.id,
                held_on=on,
                participants=participants,
                outcome=outcome,
                by_name=actor.username,
            )
        )
        case.last_progress_on = today
        record_case(uow.session, actor, "mda_conference", case, detail=f"gesprek van {on.isoformat()}")
        uow.commit()
