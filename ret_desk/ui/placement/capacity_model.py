"""CapacityModel: feeds the capacity board's table. Pages of 200 come from SQL as the view
scrolls; free places and waiting time are edited in place (versioned, audited)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ret_desk.domain.dutch_dates import short_date
from ret_desk.domain.placement import ScarceCategory, SecurityLevel
from ret_desk.services.context import Workspace
from ret_desk.services.placement import capacity
from ret_desk.services.placement.capacity import CapacityFilter, CapacityRow
from ret_desk.ui import labels
from ret_desk.ui.ops import Op

PAGE_SIZE = 200
HEADERS = ("Locatie", "AGB", "Gemeente", "Plaatsingsvorm", "Trede", "Vrij", "Totaal", "Wachttijd (d)",
           "Leeftijd", "Specialismen", "Beveiliging", "Schaars", "Bijgewerkt")  # fmt: skip
(COL_LOCATION, COL_AGB, COL_MUNICIPALITY, COL_TYPE, COL_RUNG, COL_FREE, COL_TOTAL, COL_WAITING, COL_AGE,
 COL_SPECIALISMS, COL_SECURITY, COL_SCARCE, COL_UPDATED) = range(len(HEADERS))  # fmt: skip
EDITABLE = (COL_FREE, COL_TOTAL, COL_WAITING)
_STALE = QBrush(QColor("#fff4ce"))
Index = QModelIndex | QPersistentModelIndex


class CapacityModel(QAbstractTableModel):
    total_changed = Signal(int)
    edit_failed = Signal(object)
    edited = Signal(str)

    def __init__(self, workspace: Workspace, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._workspace = workspace
        self.rows: list[CapacityRow] = []
        self.total = 0
        self._filter = CapacityFilter()
        self._loading = False
        self._generation = 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in EDITABLE else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            security = labels.label(SecurityLevel(r.security))
            scarce = labels.label(ScarceCategory(r.scarce)) if r.scarce else "—"
            updated = short_date(r.updated_at.astimezone()) + (" (verouderd)" if r.stale else "")
            return (
                r.location, r.location_agb, r.municipality, r.type_label, str(r.rung or "—"), r.places_free,
                r.places_total, r.waiting_days, f"{r.age_min}–{r.age_max}", r.specialisms, security, scarce,
                updated,
            )[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.BackgroundRole and r.stale:
            return _STALE
        if role == Qt.ItemDataRole.ToolTipRole:
            who = f"Bijgewerkt door {r.updated_by or 'import'} op {r.updated_at.astimezone():%d-%m-%Y %H:%M}"
            return who + (". Deze gegevens zijn verouderd." if r.stale else "")
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: ANN001, N802
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        try:
            number = int(value)
        except (TypeError, ValueError):
            return False
        row, r, ws = index.row(), self.rows[index.row()], self._workspace
        free = number if index.column() == COL_FREE else r.places_free
        total = number if index.column() == COL_TOTAL else r.places_total
        waiting = number if index.column() == COL_WAITING else r.waiting_days

        def work() -> list[CapacityRow]:
            ws.call(
                capacity.update_capacity, offer_id=r.offer_id, places_free=free, places_total=total,
                waiting_days=waiting, expected_version=r.version,
            )  # fmt: skip
            flt = CapacityFilter(search=r.location_agb, type_code=r.type_code)
            return ws.call(capacity.list_capacity, flt=flt, limit=1)

        def done(fresh: list[CapacityRow]) -> None:
            if row < len(self.rows) and self.rows[row].offer_id == r.offer_id and fresh:
                self.rows[row] = fresh[0]
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
            self.edited.emit(
                f"{r.location} ({r.type_label}): {free} van {total} vrij, "
                f"wachttijd {waiting} {'dag' if waiting == 1 else 'dagen'}."
            )

        Op(self, work).success(done).failure(self._on_edit_failed).run()
        return True

    def _on_edit_failed(self, exc: BaseException) -> None:
        self.edit_failed.emit(exc)
        self.reload()  # show what is stored now, never the refused value

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._loading and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._load(len(self.rows))

    def set_filter(self, flt: CapacityFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self._load(0)

    def _load(self, offset: int) -> None:
        generation, ws, flt = self._generation, self._workspace, self._filter

        def query() -> tuple[int, list[CapacityRow]]:
            total = ws.call(capacity.count_capacity, flt=flt) if offset == 0 else self.total
            return total, ws.call(capacity.list_capacity, flt=flt, offset=offset, limit=PAGE_SIZE)

        self._loading = True
        Op(self, query).success(lambda result: self._loaded(generation, offset, result)).run()

    def _loaded(self, generation: int, offset: int, result: tuple[int, list[CapacityRow]]) -> None:
        self._loading = False
        if generation != self._generation:
            return  # an older filter's result
        total, rows = result
        if offset == 0:
            self.beginResetModel()
            self.rows, self.total = rows, total
            self.endResetModel()
            self.total_changed.emit(total)
        elif rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
