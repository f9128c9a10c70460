"""AuditLogModel: the table model behind the Logboek workspace's QTableView.

A PagedTableModel: pages of 200 come from services.admin.audit_query through the
background helper, newest first, keyed on the event id (keyset, not OFFSET), so a log of
millions of events opens at once and scrolls evenly. Opening (a new filter) is logged once
by the service; the following pages belong to that reading.
"""

from __future__ import annotations

from ret_desk.domain.audit_actions import action_label, detail_label, local_timestamp
from ret_desk.services.admin.audit_query import PAGE, AuditEntry, AuditFilter, next_page, open_log
from ret_desk.services.context import Workspace
from ret_desk.ui.paged_model import ROW_ROLE, FirstPage, NextPage, PagedTableModel

COL_AT, COL_ACTOR, COL_ON_BEHALF, COL_YOUTH, COL_CASE, COL_ACTION, COL_WORKSTATION, COL_DETAIL = range(8)
HEADERS = ("Tijdstip", "Gebruiker", "Namens", "Jeugdige", "Casus", "Actie", "Werkplek", "Toelichting")
WIDTHS = (150, 110, 90, 150, 130, 200, 120, 300)
ENTRY_ROLE = ROW_ROLE


class AuditLogModel(PagedTableModel[AuditEntry]):
    HEADERS = HEADERS
    PAGE_SIZE = PAGE
    SHOW_ERRORS = False  # the workspace shows `failed` over its own window

    def __init__(self, workspace: Workspace, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._workspace = workspace
        self._filter = AuditFilter()

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    def set_filter(self, flt: AuditFilter) -> None:
        """Read the log again with this filter, from the newest event (a new, logged reading)."""
        self._filter = flt
        self.reload()

    def first_page(self) -> FirstPage:
        ws, flt = self._workspace, self._filter
        return lambda: ws.call(open_log, flt=flt, limit=PAGE)

    def next_page(self, last: AuditEntry, loaded: int) -> NextPage:
        ws, flt = self._workspace, self._filter
        return lambda: ws.call(next_page, flt=flt, before_id=last.id, limit=PAGE)

    def tooltip(self, row: AuditEntry, column: int) -> str | None:
        return row.action if column == COL_ACTION else None

    def display(self, row: AuditEntry, column: int) -> str:
        e = row
        match column:
            case 0:
                return local_timestamp(e.at)
            case 1:
                return e.actor
            case 2:
                return e.on_behalf_of
            case 3:
                return e.youth_name or ("" if e.youth_id is None else f"#{e.youth_id}")
            case 4:
                return e.case_number or ""
            case 5:
                return action_label(e.action)
            case 6:
                return e.workstation
            case _:
                return detail_label(e.detail)
