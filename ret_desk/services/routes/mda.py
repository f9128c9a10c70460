"""The MDA++ record of a case as the case detail, `case show --json`, the case summary and the
signals see it (the hooks `records.py` calls), and the one check that decides whether the
record may still be written: only while the case is on an MDA++ route (kind `safety`).

The use cases that read and write the record are in `mda_record.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ret_desk.db.models import (
    Case,
    MdaConference,
    MdaMember,
    MdaPhase,
    MdaRiskAssessment,
    MdaSafetyPlan,
    RegionSetting,
)
from ret_desk.domain import mda as rules
from ret_desk.domain.dutch_dates import long_date
from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.mda import MemberRole, Phase, RiskLevel
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.reports.model import Section
from ret_desk.services.admin.reference import route_kind_of
from ret_desk.services.routes.route_names import record_label


def on_safety_route(case: Case) -> bool:
    """Whether the case is now on an MDA++ route: only then may its record be written.
    (The one place that knows how a case's route maps to its kind.)"""
    return route_kind_of(object_session(case), case.current_route) is RouteKind.SAFETY


@dataclass(frozen=True, slots=True)
class MemberView:
    id: int
    name: str
    role: MemberRole
    victim: bool
    perpetrator: bool

    @property
    def position(self) -> str:
        return rules.position_label(self.victim, self.perpetrator)


@dataclass(frozen=True, slots=True)
class PhaseView:
    phase: Phase
    on: date
    seq: int


@dataclass(frozen=True, slots=True)
class AssessmentView:
    instrument: str
    level: RiskLevel
    on: date
    assessor: str
    seq: int


@dataclass(frozen=True, slots=True)
class PlanView:
    version: int
    text: str
    on: date
    author: str


@dataclass(frozen=True, slots=True)
class ConferenceView:
    on: date
    participants: str
    outcome: str
    seq: int


@dataclass(frozen=True, slots=True)
class MdaRecord:
    """The whole record of one case; lists in date order (oldest first)."""

    case_number: str
    editable: bool
    term_days: int
    phases: tuple[PhaseView, ...]
    members: tuple[MemberView, ...]
    assessments: tuple[AssessmentView, ...]
    plans: tuple[PlanView, ...]
    conferences: tuple[ConferenceView, ...]

    @property
    def phase(self) -> PhaseView | None:
        return rules.latest(list(self.phases))

    @property
    def plan(self) -> PlanView | None:
        """The current safety plan: its newest version."""
        return self.plans[-1] if self.plans else None

    @property
    def last_assessment(self) -> AssessmentView | None:
        return rules.latest(list(self.assessments))

    @property
    def empty(self) -> bool:
        return not (self.phases or self.members or self.assessments or self.plans or self.conferences)


def term_days(session: Session) -> int:
    """The region's term for a new risk assessment (region setting `mda_assessment_days`)."""
    row = session.get(RegionSetting, rules.ASSESSMENT_TERM_KEY)
    return int(row.value) if row is not None else rules.DEFAULT_ASSESSMENT_DAYS


def _rows(session: Session, model: type, case: Case, *order) -> list:  # noqa: ANN002
    return list(session.scalars(select(model).where(model.case_id == case.id).order_by(*order, model.id)))


def load_record(session: Session, case: Case) -> MdaRecord:
    """The record of `case` (possibly empty)."""
    phases = _rows(session, MdaPhase, case, MdaPhase.started_on)
    assessments = _rows(session, MdaRiskAssessment, case, MdaRiskAssessment.assessed_on)
    conferences = _rows(session, MdaConference, case, MdaConference.held_on)
    return MdaRecord(
        case_number=case.number,
        editable=on_safety_route(case),
        term_days=term_days(session),
        phases=tuple(PhaseView(Phase(p.phase), p.started_on, p.id) for p in phases),
        members=tuple(
            MemberView(m.id, m.name, MemberRole(m.role), m.victim, m.perpetrator)
            for m in _rows(session, MdaMember, case)
        ),
        assessments=tuple(
            AssessmentView(a.instrument, RiskLevel(a.level), a.assessed_on, a.assessor, a.id)
            for a in assessments
        ),
        plans=tuple(
            PlanView(p.version, p.text, p.written_on, p.author)
            for p in _rows(session, MdaSafetyPlan, case, MdaSafetyPlan.version)
        ),
        conferences=tuple(ConferenceView(c.held_on, c.participants, c.outcome, c.id) for c in conferences),
    )


def person_names(session: Session, case: Case) -> list[str]:
    """The names of the household's members: persons in the record, for the pseudonymiser."""
    return list(session.scalars(select(MdaMember.name).where(MdaMember.case_id == case.id)))


def record_json(record: MdaRecord) -> dict:
    phase = record.phase
    plan = record.plan
    return {
        "phase": phase.phase.value if phase else None,
        "phase_since": phase.on.isoformat() if phase else None,
        "phases": [{"phase": p.phase.value, "date": p.on.isoformat()} for p in record.phases],
        "members": [
            {"name": m.name, "role": m.role.value, "victim": m.victim, "perpetrator": m.perpetrator}
            for m in record.members
        ],
        "risk_assessments": [
            {
                "instrument": a.instrument,
                "level": a.level.value,
                "date": a.on.isoformat(),
                "assessor": a.assessor,
            }
            for a in record.assessments
        ],
        "safety_plan": None
        if plan is None
        else {"version": plan.version, "text": plan.text, "date": plan.on.isoformat(), "author": plan.author},
        "conferences": [
            {"date": c.on.isoformat(), "participants": c.participants, "outcome": c.outcome}
            for c in record.conferences
        ],
        "editable": record.editable,
    }


def json_section(session: Session, case: Case) -> dict | None:
    """The record as `case show --json` gives it, or None when the case has none."""
    record = load_record(session, case)
    return None if record.empty else record_json(record)


def _member_line(member: MemberView, pseudonymised: bool) -> str:
    who = member.role.label if pseudonymised else f"{member.name}, {member.role.label}"
    known = {"slachtoffer": "; slachtoffer", "pleger": "; pleger"}.get(member.position, "")
    return f"Lid huishouden: {who}{known}"


def summary_section(session: Session, case: Case, scrub: Callable[[str], str]) -> Section | None:
    """The record as a section of the case summary (free text through `scrub`), or None.

    Pseudonymised (a scrub that hides the youth's name), members appear by role only and
    the assessors' names are left out."""
    record = load_record(session, case)
    if record.empty:
        return None
    youth = f"{case.youth.given_name} {case.youth.family_name}"
    pseudonymised = scrub(youth) != youth
    phase, plan, last = record.phase, record.plan, record.last_assessment
    fields = (
        (
            "Huidige fase",
            f"{phase.phase.label} (sinds {long_date(phase.on)})" if phase else "nog niet vastgelegd",
        ),
        (
            "Laatste risicotaxatie",
            f"{last.level.label} ({scrub(last.instrument)}, {long_date(last.on)})" if last else "nog geen",
        ),  # fmt: skip
        ("Veiligheidsplan", f"versie {plan.version} van {long_date(plan.on)}" if plan else "nog geen"),
    )
    entries = tuple(_member_line(m, pseudonymised) for m in record.members)
    entries += tuple(
        f"Risicotaxatie {long_date(a.on)}: {a.level.label} ({scrub(a.instrument)}"
        + ("" if pseudonymised else f"; {a.assessor}")
        + ")"
        for a in record.assessments
    )
    entries += tuple(
        f"Systeemgesprek {long_date(c.on)}: deelnemers {scrub(c.participants)}. Uitkomst: {scrub(c.outcome)}"
        for c in record.conferences
    )
    text = f"Veiligheidsplan (versie {plan.version}):\n\n{scrub(plan.text)}" if plan else ""
    return Section(record_label(session, case, RouteKind.SAFETY), fields=fields, text=text, entries=entries)


def case_signals(session: Session, case: Case, today: date) -> list[tuple[str, str]]:
    """The record's signals on the case as (code, Dutch message); only while the case is on
    MDA++ (a record the case left behind is history and signals nothing)."""
    if not on_safety_route(case) or case.status == CaseStatus.CLOSED.value:
        return []
    record = load_record(session, case)
    last = record.last_assessment
    since = max((r.at for r in case.route_history if r.to_route == case.current_route), default=None)
    return rules.signals(
        today=today,
        term_days=record.term_days,
        on_route_since=since.date() if since else None,
        last_assessment_on=last.on if last else None,
        last_level=last.level if last else None,
        has_plan=record.plan is not None,
    )


def _nl(iso: str) -> str:
    return f"{date.fromisoformat(iso):%d-%m-%Y}"


def text_lines(data: dict, label: str = "MDA++") -> list[str]:
    """The record (its `case show --json` section) as lines of the plain-text `case show`;
    `label` names the record (the label of its route in the store's region)."""
    phase, since = data["phase"], data["phase_since"]
    lines = [
        f"{label}:",
        f"  Fase: {Phase(phase).label} sinds {_nl(since)}" if phase else "  Fase: —",
    ]
    lines += [
        f"  Lid huishouden: {m['name']}, {MemberRole(m['role']).label}; "
        + rules.position_label(m["victim"], m["perpetrator"])
        for m in data["members"]
    ]
    lines += [
        f"  Risicotaxatie {_nl(a['date'])}: {a['level']} ({a['instrument']}; {a['assessor']})"
        for a in data["risk_assessments"]
    ]
    if plan := data["safety_plan"]:
        lines.append(f"  Veiligheidsplan (versie {plan['version']}, {_nl(plan['date'])}): {plan['text']}")
    lines += [
        f"  Systeemgesprek {_nl(c['date'])}: {c['participants']}. {c['outcome']}" for c in data["conferences"]
    ]
    if not data["editable"]:
        lines.append(f"  (Alleen in te zien: de casus staat niet meer op de route {label}.)")
    return lines
