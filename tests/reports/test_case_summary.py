"""The case summary as a reader sees it: every section, the right details, and in the
pseudonymised form none of the identifying ones (DOMAIN rule 14)."""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.dutch_dates import long_date
from ret_desk.reports import case_summary
from ret_desk.reports.layout import Imprint
from ret_desk.reports.model import CaseSummary, Section
from ret_desk.services.experttafel import printing
from tests.reports.pdf_text import flat, pages

SECTIONS = [
    "Jeugdige en gezin",
    "Aanmelding en hulpvraag",
    "GVA (gedeelde verklarende analyse)",
    "Route en status",
    "Eerdere adviezen en actiepunten",
    "School",
    "Vraag voor deze zitting",
]
IDENTIFYING = ["Noor", "Zwaag", "999990019", "Brink 12", "9401 AB", "Ellen", "Haddou", "Wolters", "Yilmaz"]
BIRTH_DATES = ["5 maart 2011", "05-03-2011", "2011-03-05", "5-3-2011"]


def test_the_full_summary_has_every_section_and_identifies_the_youth(table):
    doc = printing.case_summary_pdf(
        uow=table.store.uow(), actor=table.chair, number=table.numbers[0], session_id=table.session_id
    )
    text = flat(doc.pdf)
    for title in SECTIONS:
        assert title in text
    for detail in ["Noor van der Zwaag", "5 maart 2011", "999990019", "Brink 12", "9401 AB Assen"]:
        assert detail in text
    assert "Ellen van der Zwaag, moeder (met gezag)" in text and "Mo Haddou, vader" in text
    # Earlier advice with its action point, and the question for this sitting
    assert "Plaatsing via Regie op plaatsing" in text and "Plaatsingsverzoek indienen" in text
    assert "Welke plek past bij Noor?" in text
    assert "OBS De Tweemaster" in text
    # The frame on every page
    for page in pages(doc.pdf):
        assert "Vertrouwelijk" in page and re.search(r"pagina \d+ van \d+", page)
        assert f"Afgedrukt door {table.chair.username} op" in page


def test_the_pseudonymised_summary_has_every_section_and_no_identifying_detail(table):
    doc = printing.case_summary_pdf(
        uow=table.store.uow(), actor=table.chair, number=table.numbers[0], pseudonymised=True
    )
    text = flat(doc.pdf)
    for title in SECTIONS:
        assert title in text
    assert f"Casus {table.numbers[0]}" in text and "Assen" in text
    assert re.search(r"Leeftijd \d+ jaar", text)
    assert "moeder (met gezag)" in text  # the relation stays, the name goes
    for detail in IDENTIFYING + BIRTH_DATES:
        assert detail.lower() not in text.lower(), detail
    assert "[naam]" in text and "[geboortedatum]" in text


def test_building_a_summary_is_logged_as_a_read_and_saving_it_as_an_export(table):
    doc = printing.case_summary_pdf(uow=table.store.uow(), actor=table.chair, number=table.numbers[0])
    printing.record_output(uow=table.store.uow(), actor=table.chair, document=doc, how="opgeslagen")
    with table.store.uow() as uow:
        events = uow.session.scalars(
            select(AuditEvent).where(AuditEvent.case_number == table.numbers[0]).order_by(AuditEvent.id)
        ).all()
        assert [(e.action, e.detail) for e in events[-2:]] == [
            ("case_view", "casusoverzicht opgemaakt"),
            ("case_export", "casusoverzicht opgeslagen"),
        ]
        assert events[-1].actor_name == table.chair.username and events[-1].workstation


TYPED = "Zoë’s ‘eigen’ “regie” – café, naïef, coördinatie, € 1.250,50, Één, Ïsa, ÿ, ß, Œ, ç"


def summary_with(text: str) -> CaseSummary:
    return CaseSummary(
        "RET-2026-00001", False, "Zoë Öztürk", "Test", (Section("Aanmelding en hulpvraag", text=text),)
    )


def imprint() -> Imprint:
    return Imprint("Ineke Bös", datetime(2026, 3, 12, 14, 5), "Casusoverzicht RET-2026-00001")


def test_every_character_a_user_types_survives_into_the_pdf():
    pdf = case_summary.build(summary_with(TYPED), imprint())
    text = flat(pdf)
    assert TYPED in text
    assert "Zoë Öztürk" in text and "Afgedrukt door Ineke Bös op 12 maart 2026 14:05" in text


def test_a_twenty_page_help_question_is_printed_complete_and_in_order():
    sentences = [f"Zin {n:04d}: de hulp liep vast en er moet iets gebeuren." for n in range(1, 1801)]
    question = "\n\n".join(" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10))
    pdf = case_summary.build(summary_with(question), imprint())
    found = [int(n) for n in re.findall(r"Zin (\d{4}):", flat(pdf))]
    assert found == list(range(1, 1801))
    assert len(pages(pdf)) >= 20
    assert f"pagina {len(pages(pdf))} van {len(pages(pdf))}" in pages(pdf)[-1]


def test_dates_in_the_summary_are_dutch(table):
    doc = printing.case_summary_pdf(uow=table.store.uow(), actor=table.chair, number=table.numbers[0])
    # long_date itself is pinned to "12 maart 2026" in tests/unit/test_experttafel_rules.py
    assert long_date(date.today()) in flat(doc.pdf)
