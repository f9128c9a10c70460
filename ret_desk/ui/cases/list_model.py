"""CaseListModel: the table model behind the case list (ui.cases.workspace's QTableView).

A PagedTableModel: rows come page by page (keyed on the last row's sort key, not an
offset) from services.cases.case_queries through the background helper; sorting and
filtering happen in SQL, so a list of 100,000 cases opens with its first page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ret_desk.services.cases.case_queries import CaseFilter, CaseRow, SortKey, count_cases, list_cases
from ret_desk.services.context import Workspace
from ret_desk.ui.paged_model import ID_ROLE, ROW_ROLE, FirstPage, NextPage, PagedTableModel

PAGE_SIZE = 200

COL_NUMBER, COL_NAME, COL_BIRTH, COL_MUNICIPALITY, COL_ROUTE, COL_STATUS = range(6)
COL_REFERRAL, COL_URGENCY, COL_SIGNALS = 6, 7, 8
HEADERS = (
    "Casusnummer",
    "Naam",
    "Geboortedatum",
    "Gemeente",
    "Route",
    "Status",
    "Aanmelddatum",
    "Urgentie",
    "Signalen",
)
SORT_KEYS = {
    COL_NUMBER: SortKey.NUMBER,
    COL_NAME: SortKey.NAME,
    COL_BIRTH: SortKey.BIRTH_DATE,
    COL_MUNICIPALITY: SortKey.MUNICIPALITY,
    COL_ROUTE: SortKey.ROUTE,
    COL_STATUS: SortKey.STATUS,
    COL_REFERRAL: SortKey.REFERRAL_DATE,
    COL_URGENCY: SortKey.URGENCY,
}

CASE_NUMBER_ROLE = ID_ROLE  # a case row is known by its number
CASE_ROW_ROLE = ROW_ROLE
_BLOCKING = QBrush(QColor("#fde2e1"))


class CaseListModel(PagedTableModel[CaseRow]):
    HEADERS = HEADERS
    PAGE_SIZE = PAGE_SIZE

    def __init__(self, workspace: Workspace, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._workspace = workspace
        self._filter = CaseFilter()
        self._sort = SortKey.REFERRAL_DATE
        self._descending = True
        # Sort and filter changes before the first load (the view sets its sort indicator
        # while it is built) are only remembered: the list is queried once, when shown.
        self._active = False
        # The case ids this list view (its filter and sort) has shown and logged: a live
        # refresh logs only the cases new to the viewer (NEN 7513 without noise). Replaced,
        # never changed in place: a background query holds the set it was given.
        self.shown: frozenset[int] = frozenset()
        for signal in (self.modelReset, self.layoutChanged, self.rowsInserted):
            signal.connect(self._remember_shown)

    # -- what a cell shows ------------------------------------------------------------
    def row_id(self, row: CaseRow) -> str:
        return row.number

    def tooltip(self, row: CaseRow, column: int) -> str | None:
        if column == COL_SIGNALS:
            return "\n".join(code.label for code in row.signals) or "Geen signalen"
        return None

    def background(self, row: CaseRow, column: int) -> QBrush | None:
        return _BLOCKING if any(c.blocking for c in row.signals) else None

    def display(self, row: CaseRow, column: int) -> str:
        match column:
            case 0:
                return row.number
            case 1:
                return row.youth_name
            case 2:
                return row.birth_date.strftime("%d-%m-%Y")
            case 3:
                return row.municipality
            case 4:
                return row.route_label or "—"
            case 5:
                return row.status.label
            case 6:
                return row.referral_date.strftime("%d-%m-%Y")
            case 7:
                return row.urgency.label
            case _:
                return ", ".join(code.label for code in row.signals)

    # -- where the rows come from -----------------------------------------------------
    def first_page(self) -> FirstPage:
        ws, flt, sort, desc = self._workspace, self._filter, self._sort, self._descending
        seen = self.shown

        def query() -> tuple[int, list[CaseRow]]:
            total = ws.call(count_cases, flt=flt)
            rows = ws.call(
                list_cases, flt=flt, sort=sort, descending=desc, offset=0, limit=PAGE_SIZE, seen=seen
            )
            return total, rows

        return query

    def next_page(self, last: CaseRow, loaded: int) -> NextPage:
        ws, flt, sort, desc = self._workspace, self._filter, self._sort, self._descending
        after, seen = last.key, self.shown  # keyset: the page after the last row shown, not an offset
        return lambda: ws.call(
            list_cases, flt=flt, sort=sort, descending=desc, after=after, limit=PAGE_SIZE, seen=seen
        )

    # -- sorting and filtering (in SQL) -----------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return  # signals are computed per row; sorting on them would need all rows
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._active:
            self.reload()

    def set_filter(self, flt: CaseFilter) -> None:
        self._filter = flt
        if self._active:
            self.reload()

    def reload(self) -> None:
        """A new list view (a filter, a sort, F5): every case it shows is logged again."""
        self._active = True
        self.shown = frozenset()
        super().reload()

    def _remember_shown(self, *_args: object) -> None:
        self.shown = self.shown | {row.id for row in self.rows}
