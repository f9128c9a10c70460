"""Qt table models of the Experttafel workspace: the sitting list (left) and the agenda
of the open sitting (right). Both are filled from service results; they never query."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ret_desk.domain.dutch_dates import short_date
from ret_desk.services.experttafel.advice_views import ItemView
from ret_desk.services.experttafel.sittings import SessionRow
from ret_desk.ui.dutch import count

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class _RowsModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == row_id), -1)


class SessionListModel(_RowsModel):
    """Feeds the sitting list of ExperttafelWorkspace."""

    COL_DATE, COL_TIME, COL_STATUS, COL_ITEMS, COL_CHAIR = range(5)
    HEADERS = ("Datum", "Tijd", "Status", "Casussen", "Voorzitter")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        row: SessionRow = self.rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                short_date(row.held_on),
                row.start_time,
                row.status.label,
                f"{row.advised}/{row.items}" if row.items else "0",
                row.chair,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_ITEMS:
            return f"{count(row.items, 'casus', 'casussen')} op de agenda, {row.advised} met advies"
        return None


class AgendaModel(_RowsModel):
    """Feeds the agenda table of SessionView."""

    COL_POS, COL_TIME, COL_CASE, COL_YOUTH, COL_QUESTION, COL_ADVICE, COL_SIGNALS = range(7)
    HEADERS = ("#", "Tijd", "Casus", "Jeugdige", "Vraagstelling", "Advies", "Signalen")

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.youths: dict[str, str] = {}

    def set_agenda(self, items: list[ItemView], youths: dict[str, str]) -> None:
        self.youths = youths
        self.set_rows(items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        item: ItemView = self.rows[index.row()]
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(item.position),
                f"{item.slot_start} ({item.slot_minutes}′)",
                item.case_number,
                self.youths.get(item.case_number, ""),
                " ".join(item.question.split()),
                item.advice_type.label if item.advice_type else "—",
                ", ".join(s.code.label for s in item.signals),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == self.COL_QUESTION:
                return item.question
            if index.column() == self.COL_SIGNALS:
                return "\n".join(s.message for s in item.signals) or None
        return None
