"""Reading a list as the user sees it: the text of a cell of a QTableView, and the editor
a grid shows in a cell."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QWidget


def cell(view: QTableView, row: int, column: int) -> str:
    """The text shown in one cell ("" for an empty one)."""
    return view.model().index(row, column).data(Qt.ItemDataRole.DisplayRole) or ""


def cell_editor(view: QTableView, row: int, column: int) -> QWidget:
    """The field a grid shows in one cell (a line edit, a choice list, a check box)."""
    widget = view.indexWidget(view.model().index(row, column))
    assert widget is not None, f"no editor in row {row}, column {column}"
    return widget
