"""Benchmark: Experttafel documents. A sitting with 12 cases, each with a page-long help
question, earlier advice and action points: one summary, the agenda, and the pack.

Prints figures; asserts nothing about time. Run: `make bench` or
`python tests/bench/bench_reports.py [--cases N]`.
"""

from __future__ import annotations

import argparse
import io
import platform
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pypdf import PdfReader  # noqa: E402

from ret_desk.domain.enums import Role  # noqa: E402
from ret_desk.domain.experttafel import AdviceType  # noqa: E402
from ret_desk.domain.referral import FamilyMemberDraft  # noqa: E402
from ret_desk.services.admin import accounts  # noqa: E402
from ret_desk.services.cases import intake  # noqa: E402
from ret_desk.services.context import open_store  # noqa: E402
from ret_desk.services.demo.demo_data import demo_bsns  # noqa: E402
from ret_desk.services.experttafel import advice, agenda, printing  # noqa: E402
from ret_desk.services.experttafel import sittings as experttafel  # noqa: E402
from tests.support.drafts import draft  # noqa: E402

PW = "bench-wachtwoord-123"
QUESTION = " ".join(
    ["De hulp aan deze jeugdige loopt vast; school, thuis en zorg sluiten niet op elkaar aan."] * 40
)


def timed(fn, repeat: int = 5) -> float:  # noqa: ANN001
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def fill(store, cases: int):  # noqa: ANN001, ANN201
    accounts.create_account(uow=store.uow(), actor=None, username="beheer", password=PW, role=Role.ADMIN)
    admin = accounts.authenticate(uow=store.uow(), username="beheer", password=PW)
    for name, role in (("coord", Role.COORDINATOR), ("chair", Role.CHAIR)):
        accounts.create_account(uow=store.uow(), actor=admin, username=name, password=PW, role=role)
    coordinator = accounts.authenticate(uow=store.uow(), username="coord", password=PW)
    chair = accounts.authenticate(uow=store.uow(), username="chair", password=PW)
    earlier = experttafel.plan_session(
        uow=store.uow(),
        actor=chair,
        data=experttafel.SessionInput(
            held_on=date.today() - timedelta(days=60), start_time="09:00", chair="Bos"
        ),
    )
    sitting = experttafel.plan_session(
        uow=store.uow(),
        actor=chair,
        data=experttafel.SessionInput(
            held_on=date.today() + timedelta(days=5), start_time="09:00", chair="Bos"
        ),
    )
    bsns = demo_bsns()
    for n in range(cases):
        number = intake.register_referral(
            uow=store.uow(),
            actor=coordinator,
            draft=draft(
                bsn=next(bsns),
                given_name=f"Jeugdige{n}",
                help_question=QUESTION,
                route="experttafel",
                family=(
                    FamilyMemberDraft("Ouder Een", "moeder", True),
                    FamilyMemberDraft("Ouder Twee", "vader"),
                ),
            ),
        ).number
        item = agenda.add_to_agenda(
            uow=store.uow(), actor=chair, session_id=earlier, number=number, data=agenda.AgendaInput("Eerder")
        )
        advice.record_advice(
            uow=store.uow(),
            actor=chair,
            item_id=item,
            data=advice.AdviceInput(AdviceType.SPECIFIC_HELP, QUESTION[:600], QUESTION[:400]),
        )
        for a in range(3):
            advice.add_action(
                uow=store.uow(), actor=chair, item_id=item, description=f"Actie {a}", owner="RET", due_on=None
            )
        agenda.add_to_agenda(
            uow=store.uow(),
            actor=chair,
            session_id=sitting,
            number=number,
            data=agenda.AgendaInput("Wat nu?"),
        )
    return chair, sitting, number


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        chair, sitting, number = fill(store, args.cases)
        pages = {}

        def pack(pseudo: bool) -> None:
            doc = printing.pack_pdf(uow=store.uow(), actor=chair, session_id=sitting, pseudonymised=pseudo)
            pages["pack"] = len(PdfReader(io.BytesIO(doc.pdf)).pages)

        figures = {
            "case summary, full": timed(
                lambda: printing.case_summary_pdf(
                    uow=store.uow(), actor=chair, number=number, session_id=sitting
                )
            ),
            "case summary, pseudonymised": timed(
                lambda: printing.case_summary_pdf(
                    uow=store.uow(), actor=chair, number=number, pseudonymised=True
                )
            ),
            "agenda": timed(lambda: printing.agenda_pdf(uow=store.uow(), actor=chair, session_id=sitting)),
            f"pack of {args.cases}, full": timed(lambda: pack(False), repeat=3),
            f"pack of {args.cases}, pseudonymised": timed(lambda: pack(True), repeat=3),
        }
        store.close()
    print(f"Machine: {platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}")
    for name, ms in figures.items():
        print(f"{name:<32} {ms:8.0f} ms")
    print(f"(pack: {pages.get('pack', '?')} pages)")


if __name__ == "__main__":
    main()
