"""A small read-only table helper for the placement workspace's short lists and dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def read_only_table(headers: list[str], widths: list[int] | None = None) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    widths = list(widths or []) + [0] * (len(headers) - len(widths or []))
    for column, width in enumerate(widths):
        table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))  # never cut a title
    header.setStretchLastSection(True)  # after the widths: a stretched column keeps its own as minimum
    return table


def fill(table: QTableWidget, rows: list[list[str]], payloads: list[object] | None = None) -> None:
    """Replace the rows; `payloads[i]` is kept on row i's first cell (ROW_ROLE)."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(value))
            if c == 0 and payloads is not None:
                item.setData(ROW_ROLE, payloads[r])
            table.setItem(r, c, item)


def selected_payload(table: QTableWidget) -> object | None:
    rows = table.selectionModel().selectedRows()
    return table.item(rows[0].row(), 0).data(ROW_ROLE) if rows else None
