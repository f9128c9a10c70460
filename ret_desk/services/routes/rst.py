"""The RST record (Reizend Specialistisch Team): record a deployment, read the record, and
the record's part in `case show --json`, the case summary and the case's signals.

Deployments are written only while the case is on a travelling-team route; after it moved
on, the record stays as history and is read-only (routing keeps every record).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ret_desk.db.audit import record_case
from ret_desk.db.models import Case, RstDeployment
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.dutch_dates import long_date
from ret_desk.domain.dutch_numbers import decimal
from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.errors import RuleViolation
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.domain.rst import Deployment, Discipline, Figures, Place, Prevented, figures, make_deployment
from ret_desk.reports.model import Section
from ret_desk.services.admin.reference import route_kind_of
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.routes.route_names import record_label, refuse_unless_on_kind


def on_rst_route(case: Case) -> bool:
    """Is the case now on a travelling-team route? The one place that asks: the route's kind
    in the store's region (routes are region data)."""
    return route_kind_of(object_session(case), case.current_route) is RouteKind.TRAVELLING_TEAM


@dataclass(frozen=True)
class DeploymentView:
    id: int
    deployment: Deployment
    recorded_by: str

    def to_json(self) -> dict:
        d = self.deployment
        return {
            "discipline": d.discipline.value,
            "where": d.where.value,
            "date": d.on.isoformat(),
            "hours": d.hours,
            "purpose": d.purpose,
            "outcome": d.outcome,
            "placement_prevented": d.placement_prevented.value,
        }


@dataclass(frozen=True)
class RstRecord:
    """One case's RST record, for the app's tab."""

    number: str
    editable: bool
    deployments: list[DeploymentView]
    figures: Figures


def _views(session: Session, case: Case) -> list[DeploymentView]:
    rows = session.scalars(
        select(RstDeployment)
        .where(RstDeployment.case_id == case.id)
        .order_by(RstDeployment.deployed_on, RstDeployment.id)
    ).all()
    return [
        DeploymentView(
            id=row.id,
            deployment=Deployment(
                discipline=Discipline(row.discipline),
                where=Place(row.place),
                on=row.deployed_on,
                minutes=row.minutes,
                purpose=row.purpose,
                outcome=row.outcome,
                placement_prevented=Prevented(row.placement_prevented),
            ),
            recorded_by=row.recorded_by,
        )
        for row in rows
    ]


def record_deployment(
    *,
    uow: UnitOfWork,
    actor: Actor,
    number: str,
    discipline: object,
    where: object,
    on: object,
    hours: object,
    purpose: str = "",
    outcome: str = "",
    placement_prevented: object = Prevented.UNKNOWN,
    today: date | None = None,
) -> DeploymentView:
    """Record one deployment of the team on case `number`; returns it as stored."""
    require(actor.role, Action.RECORD_RST)
    today = today or date.today()
    deployment = make_deployment(
        discipline=discipline,
        where=where,
        on=on,
        hours=hours,
        purpose=purpose,
        outcome=outcome,
        placement_prevented=placement_prevented,
        today=today,
    )
    with uow:
        case = case_by_number(uow.session, number)
        if case.status == CaseStatus.CLOSED.value:
            label = record_label(uow.session, case, RouteKind.TRAVELLING_TEAM)
            raise RuleViolation(
                f"Casus {case.number} is afgesloten; het dossier van {label} is alleen in te zien."
            )
        refuse_unless_on_kind(uow.session, case, RouteKind.TRAVELLING_TEAM)
        row = RstDeployment(
            case=case,
            discipline=deployment.discipline.value,
            place=deployment.where.value,
            deployed_on=deployment.on,
            minutes=deployment.minutes,
            purpose=deployment.purpose,
            outcome=deployment.outcome,
            placement_prevented=deployment.placement_prevented.value,
            recorded_by_account_id=actor.account_id,
            recorded_by=actor.username,
        )
        uow.session.add(row)
        case.last_progress_on = max(case.last_progress_on, deployment.on)  # a deployment moves the case on
        uow.flush()
        record_case(uow.session, actor, "rst_deploy", case, detail=f"inzet {row.id}")
        uow.commit()
        return DeploymentView(id=row.id, deployment=deployment, recorded_by=actor.username)


def rst_record(*, uow: UnitOfWork, actor: Actor, number: str) -> RstRecord:
    """The case's RST record, with its figures; the read is logged."""
    require(actor.role, Action.VIEW_CASES)
    with uow:
        case = case_by_number(uow.session, number)
        views = _views(uow.session, case)
        record = RstRecord(
            number=case.number,
            editable=on_rst_route(case) and case.status != CaseStatus.CLOSED.value,
            deployments=views,
            figures=figures([v.deployment for v in views]),
        )
        record_case(uow.session, actor, "rst_view", case)
        uow.commit()
        return record


# -- hooks of services/routes/records.py (inside a read the caller logs) ----------------------


def json_section(session: Session, case: Case) -> dict | None:
    """The record as `case show --json` gives it, or None when the case has none."""
    views = _views(session, case)
    if not views:
        return None
    return {
        "deployments": [v.to_json() for v in views],
        "total_hours": figures([v.deployment for v in views]).total_hours,
    }


def summary_section(session: Session, case: Case, scrub: Callable[[str], str]) -> Section | None:
    """The record as a section of the case summary (free text through `scrub`), or None."""
    views = _views(session, case)
    if not views:
        return None
    fig = figures([v.deployment for v in views])
    per_discipline = "; ".join(f"{d.label} {n}×" for d, n in fig.per_discipline.items())
    entries = []
    for view in views:
        d = view.deployment
        line = f"{long_date(d.on)}: {d.discipline.label}, {d.where.label.lower()}, {decimal(d.hours, 2)} uur"
        if d.purpose:
            line += f". Doel: {scrub(d.purpose)}"
        if d.outcome:
            line += f". Uitkomst: {scrub(d.outcome)}"
        line += f". Plaatsing voorkomen: {d.placement_prevented.label}."
        entries.append(line)
    return Section(
        record_label(session, case, RouteKind.TRAVELLING_TEAM),
        fields=(
            ("Aantal inzetten", str(fig.deployments)),
            ("Totaal uren", decimal(fig.total_hours, 2)),
            ("Inzet per discipline", per_discipline),
            ("Plaatsing voorkomen", f"{fig.prevented} van {fig.deployments} inzetten"),
        ),
        entries=tuple(entries),
    )


def case_signals(session: Session, case: Case, today: date) -> list[tuple[str, str]]:
    """The record's signals on the case: the RST record has none (issue 9 names none)."""
    return []
