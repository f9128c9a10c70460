"""The RST record in the case summary PDF: a section with the totals and the counts per
discipline, and free text that names the youth or family scrubbed when pseudonymised."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ret_desk.domain.dutch_dates import long_date
from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake
from ret_desk.services.experttafel import printing
from ret_desk.services.routes import rst
from tests.conftest import make_actors
from tests.reports.conftest import noor
from tests.reports.pdf_text import flat

DAY = date.today() - timedelta(days=3)


@pytest.fixture
def case(sqlite_store):  # noqa: ANN201
    actors = make_actors(sqlite_store)
    coordinator = actors[Role.COORDINATOR]
    number = intake.register_referral(
        uow=sqlite_store.uow(), actor=coordinator, draft=noor(route="rst", gva_present=True)
    ).number
    for discipline, where, hours, purpose, outcome, prevented in (
        ("ggz", "thuis", "2", "Gesprek met Noor en moeder Ellen over de angst", "Noor gaat weer uit", "ja"),
        ("onderwijs", "school", "1,5", "Observatie in de klas", "Mentor krijgt handelingsadvies", "onbekend"),
        ("ggz", "school", "0,75", "", "", "nee"),
    ):  # fmt: skip
        rst.record_deployment(
            uow=sqlite_store.uow(), actor=coordinator, number=number, discipline=discipline, where=where,
            on=DAY, hours=hours, purpose=purpose, outcome=outcome, placement_prevented=prevented,
        )  # fmt: skip
    return sqlite_store, actors, number


def summary(case, pseudonymised: bool) -> bytes:  # noqa: ANN001
    store, actors, number = case
    return printing.case_summary_pdf(
        uow=store.uow(), actor=actors[Role.COORDINATOR], number=number, pseudonymised=pseudonymised
    ).pdf


def test_the_full_summary_has_the_rst_section(case):
    text = flat(summary(case, pseudonymised=False))
    assert "Reizend Specialistisch Team" in text
    assert "Aantal inzetten 3" in text and "Totaal uren 4,25" in text
    assert "GGZ 2×; Onderwijs 1×" in text and "Plaatsing voorkomen 1 van 3 inzetten" in text
    assert (
        f"{long_date(DAY)}: GGZ, thuis, 2 uur. Doel: Gesprek met Noor en moeder Ellen over de angst" in text
    )
    assert "Uitkomst: Mentor krijgt handelingsadvies" in text
    assert "GGZ, op school, 0,75 uur. Plaatsing voorkomen: nee." in text


def test_the_pseudonymised_summary_keeps_the_figures_and_hides_the_names(case):
    text = flat(summary(case, pseudonymised=True))
    assert "Reizend Specialistisch Team" in text and "Totaal uren 4,25" in text
    assert "GGZ 2×; Onderwijs 1×" in text
    assert "Gesprek met" in text and "over de angst" in text
    for name in ("Noor", "Ellen", "Zwaag"):
        assert name not in text


def test_a_case_without_deployments_has_no_rst_section(sqlite_store):
    actors = make_actors(sqlite_store)
    number = intake.register_referral(
        uow=sqlite_store.uow(), actor=actors[Role.COORDINATOR], draft=noor(route="rst", gva_present=True)
    ).number
    pdf = printing.case_summary_pdf(uow=sqlite_store.uow(), actor=actors[Role.COORDINATOR], number=number).pdf
    assert "Totaal uren" not in flat(pdf) and "Aantal inzetten" not in flat(pdf)
