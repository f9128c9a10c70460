"""The RO3 record in the printed case summary, full and pseudonymised (checked in the PDF's
own text): contact persons are persons, so the pseudonymised form shows none."""

from __future__ import annotations

import io
from datetime import date, timedelta

from pypdf import PdfReader

from ret_desk.services.cases import intake, routing
from ret_desk.services.experttafel.printing import case_summary_pdf
from ret_desk.services.routes import ro3_plan
from tests.support.drafts import draft


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def _ro3_case(store, coordinator) -> str:  # noqa: ANN001
    number = intake.register_referral(
        uow=store.uow(), actor=coordinator, draft=draft(gva_present=True)
    ).number
    routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="ro3", reason="Loopt vast")
    call = lambda fn, **kw: fn(uow=store.uow(), actor=coordinator, number=number, **kw)  # noqa: E731
    call(ro3_plan.add_party, organisation="Jeugdbescherming Noord", role="GI", contact="Marieke Dijkstra")
    call(ro3_plan.add_party, organisation="Wijkteam Assen", role="wijkteam")
    first = call(ro3_plan.add_agreement, party="Wijkteam Assen", what="Gezinscoach voor Sanne inzetten",
                 due=date.today() - timedelta(days=2))  # fmt: skip
    second = call(ro3_plan.add_agreement, party="Jeugdbescherming Noord", what="Dijkstra belt de school",
                  due=date.today() + timedelta(days=9))  # fmt: skip
    call(
        ro3_plan.mark_not_kept, agreement_id=second, consequence="Mevrouw Dijkstra meldt het bij de gemeente"
    )
    call(ro3_plan.add_review, held_on=date.today(), report="Sanne gaat weer twee dagen naar school")
    assert first
    return number


def test_the_full_summary_has_the_ro3_section(store, coordinator, tmp_path):
    number = _ro3_case(store, coordinator)
    document = case_summary_pdf(uow=store.uow(), actor=coordinator, number=number)
    (tmp_path / "ro3.pdf").write_bytes(document.pdf)
    text = _text(document.pdf)
    assert "RO3 (Regie op 3)" in text
    assert "Jeugdbescherming Noord (GI), Marieke Dijkstra" in text
    assert "Gezinscoach voor Sanne inzetten" in text and "over de termijn" in text
    assert "niet nagekomen" in text and "Gevolg: Mevrouw Dijkstra meldt het bij de gemeente" in text
    assert "Sanne gaat weer twee dagen naar school" in text


def test_the_pseudonymised_summary_hides_the_youth_and_the_contact_persons(store, coordinator):
    number = _ro3_case(store, coordinator)
    document = case_summary_pdf(uow=store.uow(), actor=coordinator, number=number, pseudonymised=True)
    text = _text(document.pdf)
    assert "RO3 (Regie op 3)" in text
    assert "Jeugdbescherming Noord (GI), [contactpersoon]" in text
    assert "Gezinscoach voor [naam] inzetten" in text
    assert "[contactpersoon] belt de school" in text
    assert "Dijkstra" not in text and "Marieke" not in text and "Sanne" not in text
