"""The case's renderings held to each other: the detail HTML (as the app shows it), the
plain text of `case show` and the printed summary all show the one view of the case, full
and pseudonymised; a pseudonymised rendering names no youth (DOMAIN rule 14)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtGui import QTextDocument

from ret_desk.cli.case_text import case_text, view_lines
from ret_desk.domain.enums import Role
from ret_desk.services.cases import routing
from ret_desk.services.cases.case_detail import get_case, get_case_view
from ret_desk.services.experttafel import printing
from ret_desk.ui.cases.detail_html import case_html
from ret_desk.ui.cases.view_html import view_html
from tests.conftest import make_actors
from tests.db.test_mda import _fill as fill_mda
from tests.db.test_ro3_summary import _ro3_case
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


def _everything_in(view, skip: frozenset[str] = frozenset()) -> list[str]:  # noqa: ANN001
    """Every title, field label and value, and entry of the view, at every depth (but not
    of the sections titled in `skip`)."""
    found: list[str] = []

    def walk(section) -> None:  # noqa: ANN001
        found.append(section.title)
        found.extend(part for field in section.fields for part in field if part)
        found.extend(section.entries)
        for sub in section.subsections:
            walk(sub)

    for section in view.sections:
        if section.title not in skip:
            walk(section)
    return [_words(item) for item in found]


@dataclass
class Shown:
    store: object
    actor: object
    number: str
    identifying: list[str]  # what a pseudonymised rendering must not show
    full: set[str]  # what the full one shows
    titles: set[str] = field(default_factory=set)  # sections the view must have


@pytest.fixture(params=["advice", "records"])
def shown_case(request, sqlite_store) -> Shown:
    """Noor with family, advice and an action point; or Sanne with an RO3 record and, after
    rerouting, an MDA++ record with named household members (the records' sections)."""
    if request.param == "advice":
        t = request.getfixturevalue("table")
        advice = {"Eerdere adviezen en actiepunten", "Zitting"}
        return Shown(t.store, t.chair, t.numbers[0], IDENTIFYING + BIRTH_DATES, {"Noor", "999990019"}, advice)
    coordinator = make_actors(sqlite_store)[Role.COORDINATOR]
    number = _ro3_case(sqlite_store, coordinator)
    routing.route_case(
        uow=sqlite_store.uow(), actor=coordinator, number=number, route="mda++", reason="Huiselijk geweld"
    )
    fill_mda(sqlite_store, coordinator, number)
    names = [
        "Sanne",
        "Veenstra",
        "999990019",
        "17 april 2012",
        "Marieke",
        "Dijkstra",
        "Ilse",
        "Ruud",
        "Brink",
    ]
    return Shown(sqlite_store, coordinator, number, names, {"Sanne", "Ilse Brink", "Marieke Dijkstra"})


def _renderings(case: Shown, pseudonymised: bool):
    number, actor = case.number, case.actor
    view = get_case_view(uow=case.store.uow(), actor=actor, number=number, pseudonymised=pseudonymised)
    pdf = printing.case_summary_pdf(
        uow=case.store.uow(), actor=actor, number=number, pseudonymised=pseudonymised
    )
    if pseudonymised:
        html, text = "".join(view_html(view)), "\n".join(view_lines(view))
    else:  # what the app and `case show` give
        detail = get_case(uow=case.store.uow(), actor=actor, number=number)
        assert detail.view == view
        html, text = case_html(detail), case_text(detail)
    return view, {"html": _shown(html), "text": _words(text), "pdf": flat(pdf.pdf)}


@pytest.mark.parametrize("pseudonymised", [False, True], ids=["full", "pseudonymised"])
def test_every_part_of_the_view_is_in_the_html_the_text_and_the_pdf(qapp, shown_case, pseudonymised):
    # Given the case, when it is rendered three ways
    view, shown = _renderings(shown_case, pseudonymised)
    parts = _everything_in(view)
    assert len(parts) > 30
    # Then every title, label, value and entry of its one view is in each of them
    for name, text in shown.items():
        # `case show` prints the route records in its own compact lines (with the ids its
        # commands take); every other section of the view it prints as the view has it
        wanted = _everything_in(view, view.record_titles) if name == "text" and not pseudonymised else parts
        missing = [part for part in wanted if part not in text]
        assert missing == [], name


@pytest.mark.parametrize("pseudonymised", [False, True], ids=["full", "pseudonymised"])
def test_the_youth_is_named_only_in_the_full_renderings(qapp, shown_case, pseudonymised):
    _, shown = _renderings(shown_case, pseudonymised)
    for name, text in shown.items():
        found = {detail for detail in shown_case.identifying if detail.lower() in text.lower()}
        if pseudonymised:
            assert found == set(), name
        else:
            assert {d for d in shown_case.full if d in text} == shown_case.full, name


def test_the_view_has_the_sections_of_what_the_case_holds(shown_case):
    view = get_case_view(
        uow=shown_case.store.uow(), actor=shown_case.actor, number=shown_case.number, pseudonymised=True
    )
    titles = {s.title for s in view.sections} | {
        sub.title.split(" ")[0] for s in view.sections for sub in s.subsections
    }
    assert shown_case.titles <= titles
