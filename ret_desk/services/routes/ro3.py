"""RO3 (Regie op 3) as a record on the case: what `case show --json`, the case summary and
the case's signals take from it (the hooks of services/routes/records.py), and reading the
record on its own. The writes (parties, agreements, reviews) are in ro3_plan.py.

The record is present while the case is on an RO3 route (kind casusregie), and afterwards
when it holds anything: routing keeps every record, read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ret_desk.db.audit import record_case
from ret_desk.db.models import Case, RegionSetting, Ro3Agreement, Ro3Party, Ro3Review
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain import ro3 as rules
from ret_desk.domain.actor import Actor
from ret_desk.domain.dutch_dates import long_date
from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.permissions import Action, require
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.reports.model import Section
from ret_desk.services.admin.reference import route_kind_of
from ret_desk.services.cases.case_lookup import case_by_number
from ret_desk.services.routes.route_names import record_label


def is_ro3_route(session: Session, route_key: str | None) -> bool:
    """Whether a route is an RO3 route: its kind in the store's region is CASUSREGIE (it asks
    for the kind, never for the key; routes are region data)."""
    return route_kind_of(session, route_key) is RouteKind.CASUSREGIE


def review_days(session: Session) -> int:
    """The region's review term in days (region setting `ro3_review_days`)."""
    value = session.scalar(select(RegionSetting.value).where(RegionSetting.key == rules.REVIEW_DAYS_KEY))
    return int(value) if value is not None else rules.DEFAULT_REVIEW_DAYS


def entered_on(case: Case) -> date | None:
    """The day the case came on its current RO3 route; None when it is not on one, or
    when the case is closed (its record is then history, as after a move)."""
    if case.status == CaseStatus.CLOSED.value or not is_ro3_route(object_session(case), case.current_route):
        return None
    arrivals = [a.at for a in case.route_history if a.to_route == case.current_route]
    return arrivals[-1].astimezone(UTC).date() if arrivals else case.referral_date


def _parties(session: Session, case: Case) -> list[Ro3Party]:
    return list(session.scalars(select(Ro3Party).where(Ro3Party.case_id == case.id).order_by(Ro3Party.id)))


def _agreements(session: Session, case: Case) -> list[Ro3Agreement]:
    query = select(Ro3Agreement).where(Ro3Agreement.case_id == case.id)
    return list(session.scalars(query.order_by(Ro3Agreement.due_on, Ro3Agreement.id)))


def _reviews(session: Session, case: Case) -> list[Ro3Review]:
    query = select(Ro3Review).where(Ro3Review.case_id == case.id)
    return list(session.scalars(query.order_by(Ro3Review.held_on, Ro3Review.id)))


def json_section(session: Session, case: Case, today: date | None = None) -> dict | None:
    """The record as `case show --json` gives it, or None when the case has none."""
    today = today or date.today()
    parties, agreements, reviews = (
        _parties(session, case),
        _agreements(session, case),
        _reviews(session, case),
    )
    start = entered_on(case)
    if start is None and not (parties or agreements or reviews):
        return None
    term = review_days(session)
    return {
        "editable": start is not None,
        "review_days": term,
        "next_review_due": (
            rules.review_due_on(start, [r.held_on for r in reviews], term) if start is not None else None
        ),
        "parties": [
            {"id": p.id, "organisation": p.organisation, "role": p.role, "contact": p.contact}
            for p in parties
        ],
        "agreements": [_agreement_json(a, today) for a in agreements],
        "reviews": [{"id": r.id, "date": r.held_on, "report": r.report} for r in reviews],
    }


def _agreement_json(a: Ro3Agreement, today: date) -> dict:
    status = rules.AgreementStatus(a.status)
    return {
        "id": a.id,
        "party": a.party.organisation,
        "what": a.what,
        "due": a.due_on,
        "status": status.value,
        "status_label": status.label,
        "overdue": rules.is_overdue(status, a.due_on, today),
        "consequence": a.consequence,
        "done_on": a.done_on,
        "not_kept_on": a.not_kept_on,
        "version": a.version,
    }


def summary_section(session: Session, case: Case, scrub: Callable[[str], str]) -> Section | None:
    """The record as a section of the case summary (free text through `scrub`), or None.

    Contact persons are persons: a pseudonymised summary shows none, and their names are
    taken out of the free text too. The hook is not told which form is asked for; a
    pseudonymising `scrub` is the one that hides the youth's own name."""
    data = json_section(session, case)
    if data is None:
        return None
    youth = case.youth
    own_name = f"{youth.given_name} {youth.family_name}"
    pseudonymised = scrub(own_name) != own_name
    contacts = [p["contact"] for p in data["parties"] if p["contact"].strip()]

    def text(value: str) -> str:
        # The contacts first (their own marker), then everyone else the scrubber knows.
        return scrub(rules.hide_names(value, contacts)) if pseudonymised else value

    def contact(value: str) -> str:
        if not value.strip():
            return "geen contactpersoon"
        return rules.CONTACT_MARK if pseudonymised else value

    parties = tuple(
        f"{text(p['organisation'])} ({text(p['role'])}), {contact(p['contact'])}" for p in data["parties"]
    )
    agreements = tuple(_agreement_line(a, text) for a in data["agreements"])
    reviews = tuple(f"{long_date(r['date'])}: {text(r['report']) or 'geen verslag'}" for r in data["reviews"])
    state = "lopend" if data["editable"] else "afgesloten (de casus ging naar een andere route)"
    fields = [("Dossier", state), ("Evaluatie elke", f"{data['review_days']} dagen")]
    if data["next_review_due"] is not None:
        fields.append(("Volgende evaluatie uiterlijk", long_date(data["next_review_due"])))
    return Section(
        record_label(session, case, RouteKind.CASUSREGIE),
        fields=tuple(fields),
        subsections=(
            Section("Partijen", entries=parties, empty="Nog geen partijen."),
            Section("Afspraken", entries=agreements, empty="Nog geen afspraken."),
            Section("Evaluaties", entries=reviews, empty="Nog geen evaluaties."),
        ),
    )


def _agreement_line(a: dict, text: Callable[[str], str]) -> str:
    if a["done_on"]:
        state = f"afgerond op {long_date(a['done_on'])}"
    elif a["not_kept_on"]:
        state = f"niet nagekomen op {long_date(a['not_kept_on'])}"
    else:
        state = a["status_label"] + (", over de termijn" if a["overdue"] else "")
    line = f"{text(a['party'])}: {text(a['what'])}, uiterlijk {long_date(a['due'])} ({state})"
    return line + (f". Gevolg: {text(a['consequence'])}" if a["consequence"] else "")


def case_signals(session: Session, case: Case, today: date) -> list[tuple[str, str]]:
    """The record's signals on the case as (code, Dutch message); only while on RO3."""
    start = entered_on(case)
    if start is None:
        return []
    facts = [
        rules.AgreementFacts(a.what, a.party.organisation, a.due_on, rules.AgreementStatus(a.status))
        for a in _agreements(session, case)
    ]
    reviews = [r.held_on for r in _reviews(session, case)]
    return rules.signals(facts, start, reviews, review_days(session), today)


def get_record(*, uow: UnitOfWork, actor: Actor, number: str, today: date | None = None) -> dict | None:
    """The RO3 record of case `number` (as in `case show --json`), or None when it has none.
    A read of the youth's data, so it is logged."""
    require(actor.role, Action.VIEW_CASES)
    with uow:
        case = case_by_number(uow.session, number)
        data = json_section(uow.session, case, today)
        record_case(uow.session, actor, "ro3_view", case)
        uow.commit()
        return data
