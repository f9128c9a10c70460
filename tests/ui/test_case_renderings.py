"""The case's renderings held to each other: the detail HTML (as the app shows it), the
plain text of `case show` and the printed summary all show the one view of the case, full
and pseudonymised; a pseudonymised rendering names no youth (DOMAIN rule 14)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from ret_desk.cli.case_text import case_text, view_lines
from ret_desk.services.cases.case_detail import get_case, get_case_view
from ret_desk.services.experttafel import printing
from ret_desk.ui.cases.detail_html import case_html
from ret_desk.ui.cases.view_html import view_html
from tests.reports.conftest import table  # noqa: F401  (the fixture)
from tests.reports.pdf_text import flat
from tests.reports.test_case_summary import BIRTH_DATES, IDENTIFYING


def _shown(html: str) -> str:
    """The HTML as the detail's text browser lays it out, as one line of words."""
    document = QTextDocument()
    document.setHtml(html)
    return " ".join(document.toPlainText().split())


def _words(text: str) -> str:
    return " ".join(text.split())


def _everything_in(view) -> list[str]:  # noqa: ANN001
    """Every title, field label and value, and entry of the view, at every depth."""
    found: list[str] = []

    def walk(section) -> None:  # noqa: ANN001
        found.append(section.title)
        found.extend(part for field in section.fields for part in field if part)
        found.extend(section.entries)
        for sub in section.subsections:
            walk(sub)

    for section in view.sections:
        walk(section)
    return [_words(item) for item in found]


def _renderings(table, pseudonymised: bool):  # noqa: ANN001, F811
    number, actor = table.numbers[0], table.chair
    view = get_case_view(uow=table.store.uow(), actor=actor, number=number, pseudonymised=pseudonymised)
    pdf = printing.case_summary_pdf(
        uow=table.store.uow(), actor=actor, number=number, pseudonymised=pseudonymised
    )
    if pseudonymised:
        html, text = "".join(view_html(view)), "\n".join(view_lines(view))
    else:  # what the app and `case show` give
        detail = get_case(uow=table.store.uow(), actor=actor, number=number)
        assert detail.view == view
        html, text = case_html(detail), case_text(detail)
    return view, {"html": _shown(html), "text": _words(text), "pdf": flat(pdf.pdf)}


@pytest.mark.parametrize("pseudonymised", [False, True], ids=["full", "pseudonymised"])
def test_every_part_of_the_view_is_in_the_html_the_text_and_the_pdf(qapp, table, pseudonymised):  # noqa: F811
    # Given the case with family, advice and an action point, when it is rendered three ways
    view, shown = _renderings(table, pseudonymised)
    parts = _everything_in(view)
    assert "Eerdere adviezen en actiepunten" in parts and len(parts) > 30
    # Then every title, label, value and entry of its one view is in each of them
    for name, text in shown.items():
        missing = [part for part in parts if part not in text]
        assert missing == [], name


@pytest.mark.parametrize("pseudonymised", [False, True], ids=["full", "pseudonymised"])
def test_the_youth_is_named_only_in_the_full_renderings(qapp, table, pseudonymised):  # noqa: F811
    _, shown = _renderings(table, pseudonymised)
    for name, text in shown.items():
        found = [detail for detail in IDENTIFYING + BIRTH_DATES if detail.lower() in text.lower()]
        if pseudonymised:
            assert found == [], name
        else:
            assert {"Noor", "Zwaag", "999990019", "5 maart 2011"} <= set(found), name
