"""One case in full, as plain data for the detail view and `case show` (read is logged)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select

from ret_desk.db.audit import record_case
from ret_desk.db.models import Municipality
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import GvaTrigger, TargetGroup, from_mask
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.signals import evaluate
from ret_desk.services.admin.reference import deadline_terms_in, route_kind_of, route_labels_in
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.cases.case_queries import facts_of
from ret_desk.services.cases.case_view import CaseView, case_view, question_for, view_of
from ret_desk.services.cases.change_history import history_of
from ret_desk.services.cases.gva_gate import override_json
from ret_desk.services.experttafel.advice_views import ItemView, case_items
from ret_desk.services.placement.placements import youth_history
from ret_desk.services.placement.rop_signals import rop_case_signals
from ret_desk.services.routes.records import record_signals, records_json
from ret_desk.services.routes.route_names import record_labels


@dataclass(frozen=True)
class CaseDetail:
    id: int
    number: str
    version: int
    status: str
    outcome: str | None
    route: str | None
    urgency: str
    case_manager: str
    family_participation: str
    intervention_level: int | None
    target_groups: list[int]
    care_started_on: date | None
    last_progress_on: date
    future_plan: bool
    youth: dict
    referral: dict
    gva: dict
    signals: list[dict]
    route_history: list[dict]
    status_history: list[dict]
    notes: list[dict]
    advice: list[dict]
    future_plan_on: date | None = None
    future_plan_text: str = ""
    changes: list[dict] = field(default_factory=list)
    route_kind: str | None = None
    """What the current route does (`RouteKind` value): which record tab applies."""
    records: dict[str, dict] = field(default_factory=dict)
    """The route records (`ro3`, `mda`, `rst`) the case has; in JSON at the top level."""
    route_labels: dict[str, str] = field(default_factory=dict)
    """Route key → Dutch label of the store's region, for renderings (not in JSON)."""
    view: CaseView | None = None
    """The case's one view (full), which the detail HTML and `case show` render (not in JSON)."""
    record_labels: dict[str, str] = field(default_factory=dict)
    """Record key (`ro3`, `mda`, `rst`) → the label of its route, for headings (not in JSON)."""

    def route_label(self, key: str | None, none: str = "—") -> str:
        return (self.route_labels.get(key) or key) if key else none

    def to_json(self) -> dict:
        def plain(value):  # noqa: ANN001, ANN202
            if isinstance(value, date | datetime):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, list):
                return [plain(v) for v in value]
            return value

        data = plain(asdict(replace(self, view=None)))
        data.update(data.pop("records"))
        data.pop("route_labels")
        data.pop("view")
        data.pop("record_labels")
        return data


def get_case(
    *, uow: UnitOfWork, actor: Actor, number: str, purpose: str = "inzien", today: date | None = None
) -> CaseDetail:
    """The whole case. Every call is a read of the youth's data and is logged."""
    require(actor.role, Action.VIEW_CASES)
    today = today or date.today()
    with uow:
        session = uow.session
        case = case_by_number(session, number)
        youth = case.youth
        municipality = session.scalar(select(Municipality).where(Municipality.id == youth.municipality_id))
        signals = evaluate(facts_of(case, youth), deadline_terms_in(session), today)
        items = case_items(session, case.id, today)
        placement_signals = rop_case_signals(session, case, today)
        detail = CaseDetail(
            id=case.id,
            number=case.number,
            version=case.version,
            status=case.status,
            outcome=case.outcome,
            route=case.current_route,
            urgency=case.urgency,
            case_manager=case.case_manager,
            family_participation=case.family_participation,
            intervention_level=case.intervention_level,
            target_groups=sorted(int(t) for t in from_mask(case.target_group_mask, TargetGroup)),
            care_started_on=case.care_started_on,
            last_progress_on=case.last_progress_on,
            future_plan=case.future_plan,
            youth={
                "family_name": youth.family_name,
                "given_name": youth.given_name,
                "birth_date": youth.birth_date,
                "bsn": youth.bsn,
                "gender": youth.gender,
                "municipality": municipality.name if municipality else "",
                "municipality_code": municipality.cbs_code if municipality else "",
                "address": youth.address,
                "postcode": youth.postcode,
                "residence": youth.residence,
                "family": [
                    {"name": m.name, "relation": m.relation, "has_authority": m.has_authority}
                    for m in youth.family
                ],
                "school": youth.school,
                "no_school": youth.no_school,
                "legal_framework": youth.legal_framework,
                "out_of_school_since": youth.out_of_school_since,
                "version": youth.version,
            },
            referral={
                "date": case.referral_date,
                "referrer_type": case.referrer_type,
                "referrer_organisation": case.referrer_organisation,
                "referrer_contact": case.referrer_contact,
                "help_question": case.help_question,
            },
            gva={
                "triggers": sorted(int(t) for t in from_mask(case.gva_trigger_mask, GvaTrigger)),
                "present": case.gva_present,
                "date": case.gva_date,
                "override": override_json(case),
            },
            signals=[{"code": s.code.value, "message": s.message} for s in signals]
            + [{"code": s.code.value, "message": s.message} for i in items for s in i.signals]
            + [{"code": code, "message": message} for code, message in placement_signals]
            + [{"code": code, "message": message} for code, message in record_signals(session, case, today)],
            route_history=[
                {"from": r.from_route, "to": r.to_route, "at": r.at, "by": r.by_name, "reason": r.reason}
                for r in case.route_history
            ],
            status_history=[
                {
                    "from": s.from_status,
                    "to": s.to_status,
                    "outcome": s.outcome,
                    "at": s.at,
                    "by": s.by_name,
                    "reason": s.reason,
                }
                for s in case.status_history
            ],
            notes=[
                {"date": n.noted_on, "author": n.author_name, "text": n.text, "at": n.created_at}
                for n in case.notes
            ],
            advice=[advice_json(i) for i in items],
            future_plan_on=case.future_plan_on,
            future_plan_text=case.future_plan_text,
            changes=history_of(session, case),
            route_kind=kind.value if (kind := route_kind_of(session, case.current_route)) else None,
            route_labels=route_labels_in(session),
            record_labels=record_labels(session, case),
            records=records_json(session, case),
            view=view_of(
                case,
                items,
                pseudonymised=False,
                today=today,
                sitting_question=question_for(session, case),
                placements=youth_history(session, case, today),
            ),
        )
        record_case(session, actor, "case_view", case, detail=purpose)
        uow.commit()
        return detail


def get_case_view(
    *, uow: UnitOfWork, actor: Actor, number: str, pseudonymised: bool, today: date | None = None
) -> CaseView:
    """The case's view alone, full or pseudonymised (a read of the youth's data, logged)."""
    require(actor.role, Action.VIEW_CASES)
    today = today or date.today()
    with uow:
        case = case_by_number(uow.session, number)
        view = case_view(uow.session, case, pseudonymised=pseudonymised, today=today)
        detail = "overzicht inzien (gepseudonimiseerd)" if pseudonymised else "overzicht inzien"
        record_case(uow.session, actor, "case_view", case, detail=detail)
        uow.commit()
        return view


def advice_json(item: ItemView) -> dict:
    """One Experttafel agenda item of the case, with its advice and action points."""
    return {
        "session_id": item.session_id,
        "session_date": item.session_date,
        "question": item.question,
        "advice_type": item.advice_type.value if item.advice_type else None,
        "advice_type_label": item.advice_type.label if item.advice_type else "",
        "considerations": item.considerations,
        "advice": item.advice_text,
        "follow_up_on": item.follow_up_on,
        "referrer_accepted": item.referrer_accepted,
        "follow_up_outcome": item.follow_up_outcome,
        "actions": [
            {"description": a.description, "owner": a.owner, "due_on": a.due_on, "done": a.done}
            for a in item.actions
        ],
    }
