"""Qt table models of the RO3 tab (ro3_tab.Ro3Tab): the parties, the plan's agreements (an
overdue one is marked in words and in colour) and the reviews. Filled from the case's RO3
record (`CaseDetail.records["ro3"]`); they never query."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ret_desk.domain.dutch_dates import short_date
from ret_desk.ui.paged_model import NEXT_ROLE, ROW_ROLE, Index, PagedTableModel

__all__ = ["OVERDUE_ROLE", "ROW_ROLE", "AgreementsModel", "PartiesModel", "ReviewsModel"]

OVERDUE_ROLE = NEXT_ROLE
OVERDUE_COLOUR = QColor("#a40000")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Ro3Models", text)


class _RecordRowsModel(PagedTableModel[dict]):
    """Rows of one part of the record (loaded whole); subclasses give HEADERS and `cells(row)`."""

    def cells(self, row: dict) -> tuple[str, ...]:
        raise NotImplementedError

    def display(self, row: dict, column: int) -> str:
        return self.cells(row)[column]

    def tooltip(self, row: dict, column: int) -> str:
        return self.cells(row)[column]

    def row_id(self, row: dict) -> object:
        return row.get("id", id(row))


class PartiesModel(_RecordRowsModel):
    COL_ORGANISATION, COL_ROLE, COL_CONTACT = range(3)
    HEADERS = ("Organisatie", "Rol", "Contactpersoon")

    def cells(self, row: dict) -> tuple[str, ...]:
        return row["organisation"], row["role"], row["contact"]


class AgreementsModel(_RecordRowsModel):
    # Status before the long texts: the detail pane is narrow, and the status must show.
    # Short statuses with the day of settling in its own column ("Op"): the pane is narrow.
    COL_ID, COL_DUE, COL_STATUS, COL_ON, COL_PARTY, COL_WHAT = range(6)
    HEADERS = ("Nr.", "Uiterlijk", "Status", "Op", "Partij", "Wat")

    def cells(self, row: dict) -> tuple[str, ...]:
        settled = row["done_on"] or row["not_kept_on"]
        return (
            str(row["id"]),
            short_date(row["due"]),
            self.status(row),
            short_date(settled) if settled else "",
            row["party"],
            row["what"],
        )

    @staticmethod
    def status(row: dict) -> str:
        if row["overdue"]:
            return _tr("over de termijn")
        if row["done_on"]:
            return _tr("afgerond")
        if row["not_kept_on"]:
            return _tr("niet nagekomen")
        return row["status_label"]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        horizontal_tip = role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
        if horizontal_tip and section == self.COL_ON:
            return _tr("Op welke dag de afspraak is afgerond of niet nagekomen")
        return super().headerData(section, orientation, role)

    def tooltip(self, row: dict, column: int = 0) -> str:
        settled = row["done_on"] or row["not_kept_on"]
        status = self.status(row) + (" " + _tr("op %s") % short_date(settled) if settled else "")
        consequence = _tr("Gevolg: %s") % row["consequence"] if row["consequence"] else ""
        lines = (f"{row['party']}: {row['what']}", _tr("Status: %s") % status, consequence)
        return "\n".join(t for t in lines if t)

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
