"""Qt table models of the RO3 tab (ro3_tab.Ro3Tab): the parties, the plan's agreements (an
overdue one is marked in words and in colour) and the reviews. Filled from the case's RO3
record (`CaseDetail.records["ro3"]`); they never query."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ret_desk.domain.dutch_dates import short_date

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's record (a dict of the RO3 JSON section)."""
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOUR = QColor("#a40000")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Ro3Models", text)


class _RecordRowsModel(QAbstractTableModel):
    """Rows of one part of the record; subclasses give HEADERS and `cells(row)`."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def cells(self, row: dict) -> tuple[str, ...]:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells(row)[index.column()]
        return None


class PartiesModel(_RecordRowsModel):
    COL_ORGANISATION, COL_ROLE, COL_CONTACT = range(3)
    HEADERS = ("Organisatie", "Rol", "Contactpersoon")

    def cells(self, row: dict) -> tuple[str, ...]:
        return row["organisation"], row["role"], row["contact"]


class AgreementsModel(_RecordRowsModel):
    # Status before the long texts: the detail pane is narrow, and the status must show.
    COL_ID, COL_DUE, COL_STATUS, COL_PARTY, COL_WHAT = range(5)
    HEADERS = ("Nr.", "Uiterlijk", "Status", "Partij", "Wat")

    def cells(self, row: dict) -> tuple[str, ...]:
        if row["overdue"]:
            status = _tr("open — over de termijn")
        elif row["done_on"]:
            status = _tr("afgerond op %s") % short_date(row["done_on"])
        elif row["not_kept_on"]:
            status = _tr("niet nagekomen op %s") % short_date(row["not_kept_on"])
        else:
            status = row["status_label"]
        return str(row["id"]), short_date(row["due"]), status, row["party"], row["what"]

    def tooltip(self, row: dict) -> str:
        consequence = _tr("Gevolg: %s") % row["consequence"] if row["consequence"] else ""
        return "\n".join(t for t in (f"{row['party']}: {row['what']}", consequence) if t)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self.rows[index.row()]["overdue"]:
            if role == OVERDUE_ROLE:
                return True
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(OVERDUE_COLOUR)
            if role == Qt.ItemDataRole.FontRole and index.column() in (self.COL_DUE, self.COL_STATUS):
                font = QFont()
                font.setBold(True)
                return font
        if role == OVERDUE_ROLE:
            return False
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.tooltip(self.rows[index.row()])
        return super().data(index, role)

    def is_open(self, row: int) -> bool:
        return 0 <= row < len(self.rows) and self.rows[row]["status"] == "open"


class ReviewsModel(_RecordRowsModel):
    COL_DATE, COL_REPORT = range(2)
    HEADERS = ("Datum", "Verslag")

    def cells(self, row: dict) -> tuple[str, ...]:
        return short_date(row["date"]), row["report"] or _tr("geen verslag")
