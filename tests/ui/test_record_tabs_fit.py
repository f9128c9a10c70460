"""The route record tabs fit at 1024×768 (issue 9, tester's findings): a case on each record
route (RO3, MDA++, RST) opened in the real main window, every page of its record tab shown;
no column title is cut off (tests/ui/test_screen_fit.cut_off), no column lies beyond the
table's right edge, and a cell whose text does not fit says it in full in its tooltip."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView, QTabWidget
from sqlalchemy import select

from ret_desk.db.models import Case
from ret_desk.db.region_data import read_region
from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.services.cases import intake, routing
from ret_desk.services.context import Workspace
from ret_desk.services.routes import ro3_plan
from ret_desk.ui.cases.detail_view import CaseDetailView
from ret_desk.ui.ops import Op
from ret_desk.ui.routes.record_tab import RecordTab
from ret_desk.ui.routes.ro3_tab import Ro3Tab
from tests.conftest import make_actors
from tests.support.drafts import draft
from tests.ui.test_screen_fit import TASKBAR, cut_off
from tests.ui.windows import main_window, reachable

WAIT = 10_000
#: Route key of the demo store (Drenthe) -> the record tab's key.
ROUTES = {"ro3": "ro3", "mda++": "mda", "rst": "rst"}


def overflow(table: QTableView) -> list[str]:
    """Columns beyond the table's right edge, and cut cell texts without a full tooltip."""
    found = []
    model, header = table.model(), table.horizontalHeader()
    width = table.viewport().width()
    metrics = QFontMetrics(table.font())
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        title = model.headerData(column, Qt.Orientation.Horizontal)
        if header.sectionViewportPosition(column) + header.sectionSize(column) > width + 1:
            found.append(f"column {title!r} beyond the edge")
        for row in range(min(model.rowCount(), 30)):
            index = model.index(row, column)
            text = str(model.data(index) or "")
            if metrics.horizontalAdvance(text) + 8 > header.sectionSize(column):
                tip = str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")
                if not all(part in tip for part in text.split(" — ")):
                    found.append(f"cell {title!r}: {text!r} cut without a tooltip")
    return found


def case_on(store, route: str) -> str:  # noqa: ANN001
    with store.uow() as uow:
        return uow.session.scalar(select(Case.number).where(Case.current_route == route).order_by(Case.id))


@pytest.mark.parametrize("route", list(ROUTES))
def test_the_record_tab_fits_at_1024_by_768(qtbot, filled_desk, settings, route):
    number = case_on(filled_desk.store, route)
    assert number is not None, f"the demo has no case on {route}"
    window = main_window(filled_desk, Role.COORDINATOR, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    window.resize(QSize(1024, 768 - TASKBAR))
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=WAIT)
    window.cases.open_case(number)
    detail = window.cases.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.number == number, timeout=WAIT)
    tab = next(t for t in detail.route_tabs if ROUTES[route] == t.KEY)
    assert isinstance(tab, RecordTab)
    detail.record_tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
    pages = [t for t in tab.findChildren(QTabWidget)] or [None]
    found = []
    for pager in pages:
        for index in range(pager.count() if pager else 1):
            if pager:
                pager.setCurrentIndex(index)
            QApplication.processEvents()
            window.grab()
            if folder := os.environ.get("RET_DESK_PNG_DIR"):
                window.grab().save(os.path.join(folder, f"fit-{ROUTES[route]}-{index}.png"))
            found += cut_off(tab)
            found += [
                problem
                for table in reachable(tab)
                if isinstance(table, QTableView) and table.isVisible() and table.model() is not None
                for problem in overflow(table)
            ]
    assert found == [], f"{route}: {found}"


def test_in_flevoland_the_tab_is_named_procesregie_and_says_why_it_is_read_only(qtbot, sqlite_url):
    store = Store.open(sqlite_url, region=read_region("flevoland"))
    try:
        coordinator = make_actors(store)[Role.COORDINATOR]
        number = intake.register_referral(
            uow=store.uow(),
            actor=coordinator,
            draft=draft(municipality_code="GM0034", route="procesregie", gva_present=True),
        ).number
        ro3_plan.add_party(uow=store.uow(), actor=coordinator, number=number, organisation="GI", role="GI")
        routing.route_case(uow=store.uow(), actor=coordinator, number=number, route="logeren", reason="x")
        view = CaseDetailView(Workspace(store, coordinator))
        qtbot.addWidget(view)
        view.resize(1024, 768)
        view.show()
        view.show_case(number)
        qtbot.waitUntil(lambda: view.detail is not None, timeout=WAIT)
        qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)
        tab = next(t for t in view.route_tabs if isinstance(t, Ro3Tab))
        index = view.record_tabs.indexOf(tab)
        assert view.record_tabs.isTabVisible(index)
        assert view.record_tabs.tabText(index) == "Procesregie bij excessen"
        view.record_tabs.setCurrentWidget(tab)
        note = "Alleen in te zien: de casus staat niet meer op de route Procesregie bij excessen."
        assert tab.state.text().startswith(note)
        assert not tab.add_party_button.isEnabled() and tab.add_party_button.toolTip() == tab.state.text()
        assert "RO3" not in view.browser.toPlainText()
    finally:
        store.close()
