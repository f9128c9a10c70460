"""PagedTableModel: the one base of every list in the app (a QTableView's model).

After Vorta's `archive_table_model.py` and Anki's `browser/table`: a subclass names its
columns (`HEADERS` and `COL_*` constants), says what a cell shows (`display`, and where it
wants them `tooltip`, `background`, `alignment`), and where its rows come from:

- a paged list implements `first_page()` and `next_page(last, loaded)`: each returns the
  work for the background helper (ui.ops.Op), which calls a service through
  `workspace.call`. Sorting and filtering happen in SQL, in the service; the model only
  asks for the next page when the view scrolls to the end (`canFetchMore`/`fetchMore`).
  `next_page` gets the last row loaded, so that a service can page by key (keyset), and
  the number loaded, for a service that still pages by offset.
- a short list that one query loads whole (tens of rows) calls `set_rows(rows)`.

Every row answers `ROW_ROLE` (the service's row object) and `ID_ROLE` (its identity, the
same after a reload: `row_id`); a subclass's own roles start at `NEXT_ROLE`. A page of an
older query (the filter changed meanwhile) is dropped. Model tests need no widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ret_desk.ui.ops import Op

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object a service returned
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's identity (`row_id`), stable across reloads
NEXT_ROLE = Qt.ItemDataRole.UserRole + 3  # the first role a subclass may define for itself

FirstPage = Callable[[], tuple[int, Sequence[Any]]]
NextPage = Callable[[], Sequence[Any]]


class PagedTableModel(QAbstractTableModel, Generic[R]):
    HEADERS: ClassVar[tuple[str, ...]] = ()
    PAGE_SIZE: ClassVar[int] = 200
    SHOW_ERRORS: ClassVar[bool] = True  # a failed load in the one error dialog (else only `failed`)

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    failed = Signal(object)

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.rows: list[R] = []
        self._total = 0
        self._loading = False
        self._generation = 0  # results of an older query are dropped
        self._refreshing = False  # one refresh at a time; more changes meanwhile: one more after
        self._refresh_again = False

    # -- what a subclass says ---------------------------------------------------------
    def display(self, row: R, column: int) -> Any:  # noqa: ANN401
        raise NotImplementedError

    def tooltip(self, row: R, column: int) -> str | None:
        return None

    def background(self, row: R, column: int) -> Any:  # noqa: ANN401
        return None

    def alignment(self, row: R, column: int) -> Any:  # noqa: ANN401
        return None

    def role_data(self, row: R, column: int, role: int) -> Any:  # noqa: ANN401
        """Any other role (a subclass's own, from NEXT_ROLE; EditRole; ForegroundRole)."""
        return None

    def row_id(self, row: R) -> Hashable:
        return getattr(row, "id", None)

    def first_page(self) -> FirstPage | None:
        """The work that returns (total, first rows) for the current filter and sort; None
        for a list that is filled with `set_rows`."""
        return None

    def next_page(self, last: R, loaded: int) -> NextPage:
        raise NotImplementedError

    # -- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(type(self).__name__, self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return self.display(row, column)
            case Qt.ItemDataRole.ToolTipRole:
                return self.tooltip(row, column)
            case Qt.ItemDataRole.BackgroundRole:
                return self.background(row, column)
            case Qt.ItemDataRole.TextAlignmentRole:
                return self.alignment(row, column)
            case _ if role == ROW_ROLE:
                return row
            case _ if role == ID_ROLE:
                return self.row_id(row)
        return self.role_data(row, column, role)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._loading and 0 < len(self.rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        generation = self._generation
        self._set_loading(True)
        Op(self, self.next_page(self.rows[-1], len(self.rows))).success(
            lambda rows: self._on_next_page(generation, rows)
        ).failure(self._on_error).run()

    # -- our API ----------------------------------------------------------------------
    @property
    def total(self) -> int:
        """All rows of the current query; more than `rowCount` while pages are to come."""
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Start again from the first page with the current filter and sort."""
        work = self.first_page()
        if work is None:
            return
        self._generation += 1
        generation = self._generation
        self._set_loading(True)
        Op(self, work).success(lambda result: self._on_first_page(generation, result)).failure(
            self._on_error
        ).run()

    def refresh(self) -> None:
        """Query again what is shown (as many rows as are loaded), and show it without a
        reset: the view keeps its selection, current row and scroll position (another
        user's change, issue 10 §5). A list filled by `set_rows` uses `refresh_rows`."""
        if self._refreshing:
            self._refresh_again = True  # a burst of changes costs (and logs) one more refresh
            return
        first = self.first_page()
        if first is None:
            return
        self._refreshing = True
        wanted, page = max(len(self.rows), self.PAGE_SIZE), self.next_page

        def work() -> tuple[int, list[R]]:
            total, rows = first()
            rows = list(rows)
            while len(rows) < min(wanted, total):
                more = page(rows[-1], len(rows))()
                if not more:
                    break
                rows.extend(more)
            return total, rows

        self._generation += 1
        generation = self._generation
        self._loading = True  # no page of the older rows may be fetched meanwhile (no signal: no flicker)
        Op(self, work).success(lambda result: self._on_refreshed(generation, result)).failure(
            self._on_refresh_failed
        ).run()

    def refresh_rows(self, rows: Sequence[R]) -> None:
        """Show these rows in place of the current ones, keeping selection and scroll."""
        self._generation += 1
        self._swap(list(rows), len(rows))
        self.total_changed.emit(len(rows))

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show exactly these rows (a short list loaded whole)."""
        self._generation += 1  # a page still on its way belongs to an older list
        self._reset(list(rows), len(rows))
        self.total_changed.emit(len(rows))

    def row_at(self, row: int) -> R | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, row_id: Hashable) -> int:
        """The position of the row with this identity, or -1."""
        return next((i for i, r in enumerate(self.rows) if self.row_id(r) == row_id), -1)

    def replace_row(self, position: int, row: R) -> None:
        """Show a fresh copy of one row (after an edit), without a reload."""
        self.rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(self.HEADERS) - 1))

    def remove_row(self, position: int) -> None:
        self.beginRemoveRows(QModelIndex(), position, position)
        del self.rows[position]
        self._total -= 1
        self.endRemoveRows()

    # -- internals --------------------------------------------------------------------
    def _swap(self, rows: list[R], total: int) -> None:
        """Replace the rows as a layout change: every persistent index (the selection, the
        current row) moves to its row's new position, or goes when the row went."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self.row_id(self.rows[i.row()]) if i.row() < len(self.rows) else None for i in old]
        self.rows, self._total = rows, total
        where = {self.row_id(r): n for n, r in enumerate(rows)}
        new = [
            self.index(where[i], index.column()) if i is not None and i in where else QModelIndex()
            for i, index in zip(ids, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _on_refreshed(self, generation: int, result: tuple[int, Sequence[R]]) -> None:
        self._refreshing = False
        if generation == self._generation:
            total, rows = result
            self._swap(list(rows), total)
            self._set_loading(False)
            self.total_changed.emit(total)
        self._refresh_next()

    def _on_refresh_failed(self, exc: BaseException) -> None:
        self._refreshing = False
        self._set_loading(False)
        self.failed.emit(exc)  # a live refresh that failed is not worth a dialog; F5 still is
        self._refresh_next()

    def _refresh_next(self) -> None:
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _reset(self, rows: list[R], total: int) -> None:
        self.beginResetModel()
        self.rows, self._total = rows, total
        self.endResetModel()

    def _on_first_page(self, generation: int, result: tuple[int, Sequence[R]]) -> None:
        if generation != self._generation:
            return
        total, rows = result
        self._reset(list(rows), total)
        self._set_loading(False)
        self.total_changed.emit(total)

    def _on_next_page(self, generation: int, rows: Sequence[R]) -> None:
        if generation != self._generation:
            return  # an older query's page; the loading flag belongs to the newer one
        if not rows:
            self._total = len(self.rows)  # the list shrank meanwhile: stop asking
            self._set_loading(False)
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()
        self._set_loading(False)

    def _on_error(self, exc: BaseException) -> None:
        self._set_loading(False)
        self.failed.emit(exc)
        if self.SHOW_ERRORS:
            from ret_desk.ui.errors import show_error

            show_error(None, exc)

    def _set_loading(self, loading: bool) -> None:
        self._loading = loading
        self.loading_changed.emit(loading)
