"""Build tests/db/stores/schema_0006_agenda_conflicts.sqlite: a store as release 0006
left it, whose agenda breaks the rules migration 0007 brings (issue 10 §1).

Run it with the code of main before issue 10 (commit a6b58e7), not with this branch:

    git -C /work/main archive a6b58e7 | tar -x -C /tmp/main-0006
    PYTHONPATH=/tmp/main-0006 .venv/bin/python tests/db/stores/build_schema_0006_agenda_conflicts.py \\
        tests/db/stores/schema_0006_agenda_conflicts.sqlite

It migrates a new store to revision 0006 (Alembic, that code's migrations), loads the
region as that release did, and then works in it through that release's services: the
administrator "beheer", chair "ineke" and coordinator "anne" (password below), five
fictitious cases (one with its own number RET-2026-00042) and two sittings. Then plain
SQL makes the conflicts an older store may hold:

    sitting 1: items 1 and 2 both at position 1; items 2 and 3 both starting at 10:00
    sitting 2: items 5 and 6 both at position 1 and both starting at 14:00

(A case twice on one sitting cannot be made: its rule is a constraint since 0002.)
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

import ret_desk
from ret_desk.db.engine import make_engine
from ret_desk.db.placement_data import default_placement_data, load_placement_data
from ret_desk.db.region_data import default_region, load_region
from ret_desk.db.store import Store
from ret_desk.domain.enums import GvaTrigger, ReferrerType, Role
from ret_desk.domain.referral import ReferralDraft
from ret_desk.services.admin import accounts
from ret_desk.services.cases import intake
from ret_desk.services.cases.youth_identity import YouthChoice
from ret_desk.services.experttafel import agenda, sittings

PASSWORD = "oud-wachtwoord-0006"  # every account of the shipped store (fictitious)
NAMES = ["Bakker", "Visser", "Smit", "Meijer", "De Boer"]


def _draft(i: int, number: str | None = None) -> ReferralDraft:
    return ReferralDraft(
        referral_date=date(2026, 11, 2 + i),
        family_name=NAMES[i],
        given_name="Noor",
        birth_date=date(2011, 3, 1 + i),
        bsn=None,
        municipality_code="GM0106",
        referrer_type=ReferrerType.ACCESS_TEAM,
        referrer_organisation="Toegang Assen",
        help_question="Hulp loopt vast; advies van de tafel gevraagd.",
        school="OBS De Tweemaster",
        gva_triggers=frozenset({GvaTrigger.OUT_OF_HOME}),
        route="experttafel",
        case_number=number,
    )


def build(path: Path) -> None:
    if path.exists():
        path.unlink()
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(ret_desk.__file__).parents[1] / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    engine.dispose()
    store = Store.open(url, upgrade=False)
    with store.uow() as uow:
        load_region(uow.session, default_region())
        load_placement_data(uow.session, default_placement_data())
        uow.commit()
    accounts.create_account(
        uow=store.uow(), actor=None, username="beheer", password=PASSWORD, role=Role.ADMIN
    )
    admin = accounts.authenticate(uow=store.uow(), username="beheer", password=PASSWORD)
    for name, role in (("ineke", Role.CHAIR), ("anne", Role.COORDINATOR)):
        accounts.create_account(uow=store.uow(), actor=admin, username=name, password=PASSWORD, role=role)
    chair = accounts.authenticate(uow=store.uow(), username="ineke", password=PASSWORD)
    coordinator = accounts.authenticate(uow=store.uow(), username="anne", password=PASSWORD)
    numbers = [
        intake.register_referral(
            uow=store.uow(), actor=coordinator, draft=_draft(i, "RET-2026-00042" if i == 2 else None),
            youth=YouthChoice(), today=date(2026, 11, 20),
        ).number
        for i in range(5)
    ]  # fmt: skip
    ask = agenda.AgendaInput(question="Welke hulp past?")
    plan = ((date(2027, 1, 11), "9:30", numbers[:4]), (date(2027, 1, 25), "14:00", [numbers[0], numbers[4]]))
    for held_on, start, cases in plan:
        sid = sittings.plan_session(
            uow=store.uow(),
            actor=chair,
            data=sittings.SessionInput(held_on=held_on, start_time=start, chair="Ineke Bos", place="Assen"),
        )
        for number in cases:
            agenda.add_to_agenda(uow=store.uow(), actor=chair, session_id=sid, number=number, data=ask)
    with store.engine.begin() as conn:  # the conflicts, by plain SQL
        conn.execute(text("UPDATE agenda_item SET position = 1 WHERE id = 2"))
        conn.execute(text("UPDATE agenda_item SET slot_start = '10:00' WHERE id = 3"))
        conn.execute(text("UPDATE agenda_item SET position = 1, slot_start = '14:00' WHERE id = 6"))
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0006"
    store.close()
    print(f"{path}: cases {', '.join(numbers)}")


if __name__ == "__main__":
    build(Path(sys.argv[1]))
