"""AuditLogModel: the table model behind the Logboek workspace's QTableView.

Like ui.cases.list_model: pages of 200 come from services.admin.audit_query through the
background helper, newest first, keyed on the event id (not OFFSET), so a log of millions
of events opens at once and scrolls evenly. Opening (a new filter) is logged once by the
service; the following pages belong to that reading.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ret_desk.domain.audit_actions import action_label, detail_label, local_timestamp
from ret_desk.services.admin.audit_query import PAGE, AuditEntry, AuditFilter, next_page, open_log
from ret_desk.services.context import Workspace
from ret_desk.ui.ops import Op

COL_AT, COL_ACTOR, COL_ON_BEHALF, COL_YOUTH, COL_CASE, COL_ACTION, COL_WORKSTATION, COL_DETAIL = range(8)
HEADERS = ("Tijdstip", "Gebruiker", "Namens", "Jeugdige", "Casus", "Actie", "Werkplek", "Toelichting")
WIDTHS = (150, 110, 90, 150, 130, 200, 120, 300)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class AuditLogModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    total_changed = Signal(int)
    failed = Signal(object)

    def __init__(self, workspace: Workspace, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._workspace = workspace
        self._rows: list[AuditEntry] = []
        self._total = 0
        self._filter = AuditFilter()
        self._loading = False
        self._generation = 0

    # -- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("AuditLogModel", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_ACTION:
            return entry.action
        if role == ENTRY_ROLE:
            return entry
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent) and self._rows:
            self._load_after(self._rows[-1].id)

    # -- our API ----------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._loading

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    def set_filter(self, flt: AuditFilter) -> None:
        """Read the log again with this filter, from the newest event (a new, logged reading)."""
        self._filter = flt
        self._generation += 1
        generation, ws = self._generation, self._workspace
        self._set_loading(True)
        Op(self, lambda: ws.call(open_log, flt=flt, limit=PAGE)).success(
            lambda result: self._on_first_page(generation, result)
        ).failure(self._on_error).run()

    # -- internals --------------------------------------------------------------------
    def _load_after(self, before_id: int) -> None:
        generation, ws, flt = self._generation, self._workspace, self._filter
        self._set_loading(True)
        Op(self, lambda: ws.call(next_page, flt=flt, before_id=before_id, limit=PAGE)).success(
            lambda rows: self._on_next_page(generation, rows)
        ).failure(self._on_error).run()

    def _on_first_page(self, generation: int, result: tuple[int, list[AuditEntry]]) -> None:
        if generation != self._generation:
            return
        total, rows = result
        self.beginResetModel()
        self._rows, self._total = list(rows), total
        self.endResetModel()
        self._set_loading(False)
        self.total_changed.emit(total)

    def _on_next_page(self, generation: int, rows: list[AuditEntry]) -> None:
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
        self.failed.emit(exc)

    def _set_loading(self, loading: bool) -> None:
        self._loading = loading
        self.loading_changed.emit(loading)

    @staticmethod
    def _display(e: AuditEntry, column: int) -> str:
        match column:
            case 0:
                return local_timestamp(e.at)
            case 1:
                return e.actor
            case 2:
                return e.on_behalf_of
            case 3:
                return e.youth_name or ("" if e.youth_id is None else f"#{e.youth_id}")
            case 4:
                return e.case_number or ""
            case 5:
                return action_label(e.action)
            case 6:
                return e.workstation
            case _:
                return detail_label(e.detail)
