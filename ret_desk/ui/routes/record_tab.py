"""RecordTab: the base of a route record's tab in the case detail (RO3, MDA++, RST).

A tab shows when the case is on a route of its kind, or still has such a record after it
moved on (routing keeps every record; then the tab is read-only).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.cases.case_detail import CaseDetail
from ret_desk.services.context import Workspace


class RecordTab(QWidget):
    """Subclasses set KEY (the `case show --json` key), KIND and TITLE, and fill `load`."""

    KEY: str = ""
    KIND: RouteKind = RouteKind.GENERIC
    TITLE: str = ""
    case_changed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.detail: CaseDetail | None = None

    def applies(self, detail: CaseDetail) -> bool:
        return detail.route_kind == self.KIND.value or self.KEY in detail.records

    def editable(self) -> bool:
        """Only while the case is on a route of this kind; afterwards the record is history."""
        return self.detail is not None and self.detail.route_kind == self.KIND.value

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.load(detail)

    def load(self, detail: CaseDetail) -> None:
        """Fill the tab for `detail` (subclasses)."""
