"""A store with a sitting held last week, two cases on its agenda, and advice on the first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from ret_desk.domain.enums import Role
from ret_desk.domain.experttafel import AdviceType, Discipline
from ret_desk.domain.referral import FamilyMemberDraft
from ret_desk.services.cases import intake
from ret_desk.services.experttafel import advice, agenda
from ret_desk.services.experttafel import sittings as experttafel
from tests.conftest import make_actors
from tests.support.drafts import draft

HELD = date.today() - timedelta(days=7)


@dataclass
class Table:
    store: object
    chair: object
    coordinator: object
    session_id: int
    numbers: list[str]
    item_ids: list[int]


def noor(**changes):
    base = dict(
        given_name="Noor",
        family_name="van der Zwaag",
        birth_date=date(2011, 3, 5),
        bsn="999990019",
        address="Brink 12",
        postcode="9401AB",
        residence="Assen",
        referrer_contact="Karin Wolters",
        case_manager="Ahmed Yilmaz",
        family=(
            FamilyMemberDraft("Ellen van der Zwaag", "moeder", True),
            FamilyMemberDraft("Mo Haddou", "vader"),
        ),
        help_question="Noor (05-03-2011) zit sinds de zomer thuis. Moeder Ellen vraagt hulp.",
    )
    return draft(**(base | changes))


@pytest.fixture
def table(sqlite_store) -> Table:
    store, actors = sqlite_store, make_actors(sqlite_store)
    chair, coordinator = actors[Role.CHAIR], actors[Role.COORDINATOR]
    numbers = [
        intake.register_referral(uow=store.uow(), actor=coordinator, draft=noor()).number,
        intake.register_referral(
            uow=store.uow(),
            actor=coordinator,
            draft=draft(bsn="999990020", given_name="Daan", family_name="Kuiper", route="experttafel"),
        ).number,
    ]
    sid = experttafel.plan_session(
        uow=store.uow(),
        actor=chair,
        data=experttafel.SessionInput(
            held_on=HELD,
            start_time="09:30",
            chair="Ineke Bos",
            place="Provinciehuis Assen",
            minute_taker="Jan Smit",
            members=(experttafel.MemberInput("Dr. Aydın", Discipline.MENTAL_HEALTH),),
        ),
    )
    items = [
        agenda.add_to_agenda(
            uow=store.uow(), actor=chair, session_id=sid, number=n, data=agenda.AgendaInput(question=q)
        )
        for n, q in zip(numbers, ["Welke plek past bij Noor?", "Is RST nodig voor Daan?"], strict=True)
    ]
    advice.record_advice(
        uow=store.uow(),
        actor=chair,
        item_id=items[0],
        data=advice.AdviceInput(
            AdviceType.PLACEMENT_VIA_ROP,
            "Zoek via ROP een gezinshuis; Noor blijft op haar school.",
            "Thuis is het niet veilig.",
            follow_up_on=HELD + timedelta(days=42),
        ),
    )
    advice.add_action(
        uow=store.uow(),
        actor=chair,
        item_id=items[0],
        description="Plaatsingsverzoek indienen",
        owner="Casusregisseur",
        due_on=HELD + timedelta(days=14),
    )
    return Table(store, chair, coordinator, sid, numbers, items)
