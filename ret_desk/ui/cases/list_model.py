"""CaseListModel: the table model behind the case list (ui.cases.workspace's QTableView).

Rows come page by page from services.case_queries through the background helper; sorting
and filtering happen in SQL, so a list of 100,000 cases opens with its first page.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ret_desk.services.cases.case_queries import CaseFilter, CaseRow, SortKey, count_cases, list_cases
from ret_desk.services.context import Workspace
from ret_desk.ui.ops import Op

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

CASE_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_BLOCKING = QBrush(QColor("#fde2e1"))

Index = QModelIndex | QPersistentModelIndex


class CaseListModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    total_changed = Signal(int)

    def __init__(self, workspace: Workspace, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._workspace = workspace
        self._rows: list[CaseRow] = []
        self._total = 0
        self._filter = CaseFilter()
        self._sort = SortKey.REFERRAL_DATE
        self._descending = True
        self._loading = False
        self._generation = 0  # results of an older query are dropped
        # Sort and filter changes before the first load (the view sets its sort indicator
        # while it is built) are only remembered: the list is queried once, when shown.
        self._active = False

    # -- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_SIGNALS:
            return "\n".join(code.label for code in row.signals) or "Geen signalen"
        if role == Qt.ItemDataRole.BackgroundRole and any(c.blocking for c in row.signals):
            return _BLOCKING
        if role == CASE_NUMBER_ROLE:
            return row.number
        if role == CASE_ROW_ROLE:
            return row
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._load_page(len(self._rows))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return  # signals are computed per row; sorting on them would need all rows
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._active:
            self.reload()

    # -- our API ----------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._loading

    def set_filter(self, flt: CaseFilter) -> None:
        self._filter = flt
        if self._active:
            self.reload()

    def reload(self) -> None:
        """Start again from the first page with the current filter and sort."""
        self._active = True
        self._generation += 1
        generation = self._generation
        ws, flt, sort, desc = self._workspace, self._filter, self._sort, self._descending

        def query() -> tuple[int, list[CaseRow]]:
            total = ws.call(count_cases, flt=flt)
            rows = ws.call(list_cases, flt=flt, sort=sort, descending=desc, offset=0, limit=PAGE_SIZE)
            return total, rows

        self._set_loading(True)
        Op(self, query).success(lambda result: self._on_first_page(generation, result)).failure(
            self._on_error
        ).run()

    # -- internals --------------------------------------------------------------------
    def _load_page(self, offset: int) -> None:
        generation = self._generation
        ws, flt, sort, desc = self._workspace, self._filter, self._sort, self._descending
        self._set_loading(True)
        Op(
            self,
            lambda: ws.call(
                list_cases,
                flt=flt,
                sort=sort,
                descending=desc,
                offset=offset,
                limit=PAGE_SIZE,
            ),
        ).success(lambda rows: self._on_next_page(generation, rows)).failure(self._on_error).run()

    def _on_first_page(self, generation: int, result: tuple[int, list[CaseRow]]) -> None:
        if generation != self._generation:
            return
        total, rows = result
        self.beginResetModel()
        self._rows = list(rows)
        self._total = total
        self.endResetModel()
        self._set_loading(False)
        self.total_changed.emit(total)

    def _on_next_page(self, generation: int, rows: list[CaseRow]) -> None:
        if generation != self._generation or not rows:
            self._set_loading(False)
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self._set_loading(False)

    def _on_error(self, exc: BaseException) -> None:
        self._set_loading(False)
        from ret_desk.ui.errors import show_error

        show_error(None, exc)

    def _set_loading(self, loading: bool) -> None:
        self._loading = loading
        self.loading_changed.emit(loading)

    @staticmethod
    def _display(row: CaseRow, column: int) -> str:
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
                return row.route.short if row.route else "—"
            case 5:
                return row.status.label
            case 6:
                return row.referral_date.strftime("%d-%m-%Y")
            case 7:
                return row.urgency.label
            case _:
                return ", ".join(code.label for code in row.signals)
