"""Agenda, sitting pack and advice letter, read back from the PDF."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ret_desk.db.models import AuditEvent
from ret_desk.domain.dutch_dates import long_date
from ret_desk.domain.errors import Cancelled, RuleViolation
from ret_desk.services.experttafel import printing
from tests.reports.conftest import HELD
from tests.reports.pdf_text import flat, pages


def audit_count(store, action: str) -> int:
    with store.uow() as uow:
        return uow.session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action)
        )


def test_the_agenda_lists_the_sitting_and_its_cases_without_names(table):
    doc = printing.agenda_pdf(uow=table.store.uow(), actor=table.chair, session_id=table.session_id)
    text = flat(doc.pdf)
    assert f"Agenda Experttafel {long_date(HELD)}" in text
    assert "Provinciehuis Assen" in text and "Ineke Bos" in text and "Dr. Aydın (GGZ)" in text
    assert text.index(table.numbers[0]) < text.index(table.numbers[1])
    assert "09:30 (30 min)" in text and "10:00 (30 min)" in text
    assert "Welke plek past bij [naam]?" in text and "Is RST nodig voor [naam]?" in text
    assert "Noor" not in text and "Daan" not in text
    # Age and question are still the youths' data: each case on the agenda is logged as read
    with table.store.uow() as uow:
        logged = uow.session.scalars(
            select(AuditEvent.case_number).where(AuditEvent.detail.like("agenda zitting % opgemaakt"))
        ).all()
        assert sorted(logged) == sorted(table.numbers)


def test_the_pack_is_agenda_then_every_summary_with_progress(table):
    seen = []
    doc = printing.pack_pdf(
        uow=table.store.uow(),
        actor=table.chair,
        session_id=table.session_id,
        pseudonymised=True,
        progress=lambda done, total: seen.append((done, total)) or True,
    )
    text = flat(doc.pdf)
    agenda_at = text.index("Agenda Experttafel")
    first, second = text.index(f"Casus {table.numbers[0]}"), text.index(f"Casus {table.numbers[1]}")
    assert agenda_at < first < second
    assert "Noor" not in text and "999990019" not in text
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert pages(doc.pdf)[0].count("pagina 1 van") == 1
    assert audit_count(table.store, "case_view") >= 2


def test_a_cancelled_pack_returns_nothing_and_logs_nothing(table):
    before = audit_count(table.store, "case_view")
    with pytest.raises(Cancelled):
        printing.pack_pdf(
            uow=table.store.uow(),
            actor=table.chair,
            session_id=table.session_id,
            progress=lambda done, total: done < 1,
        )
    assert audit_count(table.store, "case_view") == before


def test_the_advice_letter_carries_question_considerations_advice_and_actions(table):
    doc = printing.advice_letter_pdf(
        uow=table.store.uow(), actor=table.chair, session_id=table.session_id, number=table.numbers[0]
    )
    text = flat(doc.pdf)
    for part in [
        "Toegang Assen",
        "t.a.v. Karin Wolters",
        f"casus {table.numbers[0]} (Noor van der Zwaag, geboren 5 maart 2011)",
        "Welke plek past bij Noor?",
        "Thuis is het niet veilig.",
        "Advies: Plaatsing via Regie op plaatsing",
        "Plaatsingsverzoek indienen",
        "Casusregisseur",
        "Ineke Bos",
    ]:
        assert part in text, part
    with pytest.raises(RuleViolation, match="nog geen advies"):
        printing.advice_letter_pdf(
            uow=table.store.uow(), actor=table.chair, session_id=table.session_id, number=table.numbers[1]
        )


def test_printing_is_logged_per_case(table):
    doc = printing.pack_pdf(uow=table.store.uow(), actor=table.chair, session_id=table.session_id)
    printing.record_output(uow=table.store.uow(), actor=table.chair, document=doc, how="afgedrukt")
    with table.store.uow() as uow:
        printed = uow.session.scalars(
            select(AuditEvent.case_number).where(AuditEvent.action == "case_print")
        ).all()
    assert sorted(printed) == sorted(table.numbers)


def test_a_save_that_fails_leaves_no_file_and_no_log(table, tmp_path):
    doc = printing.agenda_pdf(uow=table.store.uow(), actor=table.chair, session_id=table.session_id)
    before = audit_count(table.store, "case_export")
    with pytest.raises(OSError):
        printing.save_document(
            uow=table.store.uow(), actor=table.chair, document=doc, path=tmp_path / "bestaat-niet" / "a.pdf"
        )
    assert audit_count(table.store, "case_export") == before
    good = tmp_path / "agenda.pdf"
    printing.save_document(uow=table.store.uow(), actor=table.chair, document=doc, path=good)
    assert good.read_bytes() == doc.pdf and list(tmp_path.glob(".ret-desk-*")) == []
    assert audit_count(table.store, "case_export") == before + len(table.numbers)
