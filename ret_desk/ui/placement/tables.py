"""Short read-only lists of the placement workspace, its dialogs and the case detail's
placement section: a QTableView over `CellsModel`, an in-memory PagedTableModel of text
cells with one payload per row (`ROW_ROLE`)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from ret_desk.ui.paged_model import ROW_ROLE, Index, PagedTableModel

__all__ = ["ROW_ROLE", "CellsModel", "fill", "read_only_table", "selected_payload"]


Cells = tuple[list[str], object]


class CellsModel(PagedTableModel[Cells]):
    """A short read-only list of text cells; `ROW_ROLE` gives the row's payload."""

    def __init__(self, headers: Sequence[str], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.HEADERS = tuple(headers)  # type: ignore[misc]

    def display(self, row: Cells, column: int) -> str:
        return row[0][column]

    def tooltip(self, row: Cells, column: int) -> str:
        return row[0][column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if role == ROW_ROLE and index.isValid() and index.row() < len(self.rows):
            return self.rows[index.row()][1]
        return super().data(index, role)

    def row_id(self, row: Cells) -> object:
        return getattr(row[1], "id", None)

    def set_cells(
        self, rows: list[list[str]], payloads: list[object] | None = None, *, keep: bool = False
    ) -> None:
        """Show these rows; with `keep` (a refresh), the selection follows its row's id."""
        payloads = payloads if payloads is not None else [None] * len(rows)
        show = self.refresh_rows if keep else self.set_rows
        show([([str(v) for v in cells], payload) for cells, payload in zip(rows, payloads, strict=True)])


def read_only_table(headers: list[str], widths: list[int] | None = None) -> QTableView:
    """A short read-only list: whole rows, one at a time; widths never cut a title."""
    view = QTableView()
    view.setModel(CellsModel(headers, view))
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    widths = list(widths or []) + [0] * (len(headers) - len(widths or []))
    for column, width in enumerate(widths):
        view.setColumnWidth(column, max(width, header.sectionSizeHint(column)))  # never cut a title
    header.setStretchLastSection(True)  # after the widths: a stretched column keeps its own as minimum
    return view


def fill(
    view: QTableView, rows: list[list[str]], payloads: list[object] | None = None, *, keep: bool = False
) -> None:
    """Replace the rows; `payloads[i]` is row i's `ROW_ROLE`; `keep`: a refresh that keeps
    the selection and scroll position."""
    model = view.model()
    assert isinstance(model, CellsModel)
    model.set_cells(rows, payloads, keep=keep)


def selected_payload(view: QTableView) -> object | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].data(ROW_ROLE) if rows else None
