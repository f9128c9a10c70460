"""Fictitious Experttafel sittings for demo mode: one held with advice, one planned."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from ret_desk.db.models import Case
from ret_desk.db.uow import UnitOfWork
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.experttafel import AdviceType, Discipline, SessionStatus
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.admin.reference import routes_of_kind
from ret_desk.services.experttafel import advice, agenda
from ret_desk.services.experttafel import sittings as experttafel

MEMBERS = (
    experttafel.MemberInput("Dr. A. Aydın", Discipline.MENTAL_HEALTH),
    experttafel.MemberInput("P. Mulder", Discipline.EDUCATION),
    experttafel.MemberInput("K. de Wit", Discipline.LIVED_EXPERIENCE),
    experttafel.MemberInput("M. Jansen", Discipline.LVB),
    experttafel.MemberInput("R. Bakker", Discipline.GI, absent=True),
)
QUESTIONS = (
    "Welke plek past, zodat de jeugdige op de eigen school kan blijven?",
    "Hoe voorkomen we een volgende doorplaatsing?",
    "Is inzet van het Reizend Specialistisch Team nodig?",
    "Welke hulp sluit aan nu de ambulante hulp is vastgelopen?",
)
ADVICE = (
    (AdviceType.PLACEMENT_VIA_ROP, "Zoek via Regie op plaatsing een gezinshuis in de regio."),
    (AdviceType.SPECIFIC_HELP, "Start intensieve ambulante gezinsbehandeling met één regisseur."),
    (AdviceType.RST_DEPLOYMENT, "Zet het RST in voor diagnostiek en advies aan het team."),
    (AdviceType.ABOVE_REGIONAL, "Leg de casus voor aan JENN voor bovenregionale afstemming."),
)


def plan_demo_sittings(*, store_uow, chair: Actor, today: date | None = None) -> int:  # noqa: ANN001
    """Plan two sittings with up to four open Experttafel cases each; returns the number of
    agenda items. `store_uow` makes a fresh UnitOfWork per call."""
    today = today or date.today()
    uow: UnitOfWork = store_uow()
    with uow:
        numbers = list(
            uow.session.scalars(
                select(Case.number)
                .where(
                    Case.current_route.in_(
                        [r.key for r in routes_of_kind(uow.session, RouteKind.ADVICE_TABLE)]
                    ),
                    Case.status != CaseStatus.CLOSED.value,
                )
                .order_by(Case.id)
                .limit(8)
            )
        )
    held = experttafel.plan_session(
        uow=store_uow(),
        actor=chair,
        data=experttafel.SessionInput(
            held_on=today - timedelta(days=14), start_time="09:30", chair="Demo-voorzitter",
            place="Provinciehuis Assen", minute_taker="Demo-notulist", members=MEMBERS,
        ),
    )  # fmt: skip
    planned = experttafel.plan_session(
        uow=store_uow(),
        actor=chair,
        data=experttafel.SessionInput(
            held_on=today + timedelta(days=7), start_time="13:00", chair="Demo-voorzitter",
            video_link="https://video.example/experttafel", members=MEMBERS,
        ),
    )  # fmt: skip
    for i, number in enumerate(numbers):
        session_id = held if i < 4 else planned
        item = agenda.add_to_agenda(
            uow=store_uow(),
            actor=chair,
            session_id=session_id,
            number=number,
            data=agenda.AgendaInput(question=QUESTIONS[i % 4], presenter="Gemeentelijke toegang"),
        )
        if session_id == held:
            kind, text = ADVICE[i % 4]
            advice.record_advice(
                uow=store_uow(),
                actor=chair,
                item_id=item,
                data=advice.AdviceInput(
                    kind, text, "Demo-overwegingen.", follow_up_on=today + timedelta(days=i * 7 - 7)
                ),
            )
            advice.add_action(
                uow=store_uow(), actor=chair, item_id=item, description="Terugkoppeling aan de verwijzer",
                owner="Casusregisseur", due_on=today + timedelta(days=i * 5 - 5),
            )  # fmt: skip
    experttafel.set_session_status(uow=store_uow(), actor=chair, session_id=held, status=SessionStatus.HELD)
    return len(numbers)
