"""Editable grids in dialogs: QTableViews over in-memory PagedTableModels.

- `GridModel` holds rows of values by column (plus any named extras a dialog keeps with a
  row, such as the stored id); cells are edited through `setData` (EditRole).
- `EditorDelegate` puts a real editor in each editable cell (a line edit, a choice list,
  a check box), opened for good with `open_editors`, that writes every change straight
  back into the model: the dialog reads its values from the model, never from widgets.

Short read-only lists are ui.placement.tables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ret_desk.ui.paged_model import Index, PagedTableModel

Row = dict[Any, Any]  # column number -> value; str keys: what the dialog keeps with the row


class GridModel(PagedTableModel[Row]):
    """An editable in-memory grid: `headers`, the `editable` columns, and per column how a
    value reads as text (`labels`)."""

    def __init__(
        self,
        headers: Sequence[str],
        editable: Sequence[int] = (),
        labels: dict[int, Callable[[Any], str]] | None = None,
        parent=None,  # noqa: ANN001
    ) -> None:
        super().__init__(parent)
        self.HEADERS = tuple(headers)  # type: ignore[misc]  # per grid, not per class
        self._editable = frozenset(editable)
        self._labels = labels or {}

    def display(self, row: Row, column: int) -> str:
        value = row.get(column)
        if column in self._labels:
            return self._labels[column](value)
        return "" if value is None or isinstance(value, bool) else str(value)

    def tooltip(self, row: Row, column: int) -> str | None:
        return self.display(row, column) or None

    def role_data(self, row: Row, column: int, role: int) -> Any:  # noqa: ANN401
        return row.get(column) if role == Qt.ItemDataRole.EditRole else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in self._editable else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: ANN401, N802
        if role != Qt.ItemDataRole.EditRole or index.column() not in self._editable or not index.isValid():
            return False
        row = self.rows[index.row()]
        if row.get(index.column()) == value:
            return True
        row[index.column()] = value
        self.dataChanged.emit(index, index)
        return True

    def add_row(self, row: Row) -> int:
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(dict(row))
        self._total += 1
        self.endInsertRows()
        return position

    def value(self, row: int, column: int) -> Any:  # noqa: ANN401
        return self.rows[row].get(column)


class EditorDelegate(QStyledItemDelegate):
    """Real editors in a grid's cells: `factories[column]()` makes the widget; each change is
    written back into the model at once (so validation sees it while the user types)."""

    def __init__(self, factories: dict[int, Callable[[], QWidget]], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._factories = factories

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        factory = self._factories.get(index.column())
        if factory is None:
            return super().createEditor(parent, option, index)
        editor = factory()
        editor.setParent(parent)
        commit = lambda *_: self.commitData.emit(editor)  # noqa: E731
        if isinstance(editor, QLineEdit):
            editor.textChanged.connect(commit)
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(commit)
        elif isinstance(editor, QCheckBox):
            editor.toggled.connect(commit)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QLineEdit):
            if editor.text() != (value or ""):  # never move the cursor under the user's hands
                editor.setText(value or "")
        elif isinstance(editor, QComboBox):
            wanted = max(0, editor.findData("" if value is None else value))
            if editor.currentIndex() != wanted:
                editor.setCurrentIndex(wanted)
        elif isinstance(editor, QCheckBox):
            if editor.isChecked() != bool(value):
                editor.setChecked(bool(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            data = editor.currentData()
            model.setData(index, None if data is None or data == "" else data, Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QCheckBox):
            model.setData(index, editor.isChecked(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        editor.setGeometry(option.rect)


def grid_view(model: PagedTableModel, name: str) -> QTableView:
    """A grid in a dialog: whole rows selected, no row numbers, named for screen readers."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # the editors are always open
    return view


def open_editors(view: QTableView, row: int, columns: Sequence[int]) -> list[QWidget]:
    """Open the row's editors for good and return them (for FormDialog.watch)."""
    model = view.model()
    editors = []
    for column in columns:
        index = model.index(row, column)
        view.openPersistentEditor(index)
        editors.append(view.indexWidget(index))
    return editors


__all__ = ["EditorDelegate", "GridModel", "grid_view", "open_editors"]
