"""CapacityModel: feeds the capacity board's table (ui.placement.board). A PagedTableModel:
pages of 200 come from SQL as the view scrolls, each after the last row's key (keyset);
free places and waiting time are edited in place (versioned, audited)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ret_desk.domain.dutch_dates import short_date
from ret_desk.domain.placement import ScarceCategory, SecurityLevel
from ret_desk.services.context import Workspace
from ret_desk.services.placement import capacity
from ret_desk.services.placement.capacity import CapacityFilter, CapacityRow
from ret_desk.ui import labels
from ret_desk.ui.ops import Op
from ret_desk.ui.paged_model import FirstPage, Index, NextPage, PagedTableModel

PAGE_SIZE = 200
HEADERS = ("Locatie", "AGB", "Gemeente", "Plaatsingsvorm", "Trede", "Vrij", "Totaal", "Wachttijd (d)",
           "Leeftijd", "Specialismen", "Beveiliging", "Schaars", "Bijgewerkt")  # fmt: skip
(COL_LOCATION, COL_AGB, COL_MUNICIPALITY, COL_TYPE, COL_RUNG, COL_FREE, COL_TOTAL, COL_WAITING, COL_AGE,
 COL_SPECIALISMS, COL_SECURITY, COL_SCARCE, COL_UPDATED) = range(len(HEADERS))  # fmt: skip
EDITABLE = (COL_FREE, COL_TOTAL, COL_WAITING)
_STALE = QBrush(QColor("#fff4ce"))


class CapacityModel(PagedTableModel[CapacityRow]):
    HEADERS = HEADERS
    PAGE_SIZE = PAGE_SIZE
    edit_failed = Signal(object)
    edited = Signal(str)

    def __init__(self, workspace: Workspace, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._workspace = workspace
        self._filter = CapacityFilter()

    def row_id(self, row: CapacityRow) -> int:
        return row.offer_id

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in EDITABLE else base

    def display(self, row: CapacityRow, column: int):  # noqa: ANN201
        r = row
        security = labels.label(SecurityLevel(r.security))
        scarce = labels.label(ScarceCategory(r.scarce)) if r.scarce else "—"
        updated = short_date(r.updated_at.astimezone()) + (" (verouderd)" if r.stale else "")
        return (
            r.location, r.location_agb, r.municipality, r.type_label, str(r.rung or "—"), r.places_free,
            r.places_total, r.waiting_days, f"{r.age_min}–{r.age_max}", r.specialisms, security, scarce,
            updated,
        )[column]  # fmt: skip

    def role_data(self, row: CapacityRow, column: int, role: int):  # noqa: ANN201
        return self.display(row, column) if role == Qt.ItemDataRole.EditRole else None

    def background(self, row: CapacityRow, column: int) -> QBrush | None:
        return _STALE if row.stale else None

    def tooltip(self, row: CapacityRow, column: int) -> str:
        who = f"Bijgewerkt door {row.updated_by or 'import'} op {row.updated_at.astimezone():%d-%m-%Y %H:%M}"
        return who + (". Deze gegevens zijn verouderd." if row.stale else "")

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
                self.replace_row(row, fresh[0])
            self.edited.emit(
                f"{r.location} ({r.type_label}): {free} van {total} vrij, "
                f"wachttijd {waiting} {'dag' if waiting == 1 else 'dagen'}."
            )

        Op(self, work).success(done).failure(self._on_edit_failed).run()
        return True

    def _on_edit_failed(self, exc: BaseException) -> None:
        self.edit_failed.emit(exc)
        self.reload()  # show what is stored now, never the refused value

    def set_filter(self, flt: CapacityFilter) -> None:
        self._filter = flt
        self.reload()

    def first_page(self) -> FirstPage:
        ws, flt = self._workspace, self._filter
        return lambda: (
            ws.call(capacity.count_capacity, flt=flt),
            ws.call(capacity.list_capacity, flt=flt, offset=0, limit=PAGE_SIZE),
        )

    def next_page(self, last: CapacityRow, loaded: int) -> NextPage:
        ws, flt = self._workspace, self._filter
        after = last.key  # keyset: the page after the last row shown, not an offset
        return lambda: ws.call(capacity.list_capacity, flt=flt, after=after, limit=PAGE_SIZE)
