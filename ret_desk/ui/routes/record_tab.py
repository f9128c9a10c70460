"""RecordTab: the base of a route record's tab in the case detail (RO3, MDA++, RST).

A tab shows when the case is on a route of its kind, or still has such a record after it
moved on (routing keeps every record; then the tab is read-only). The tab is named after
the route's label in the store's region (Flevoland's casusregie: "Procesregie bij excessen").
Read-only is shown the same way on every tab: one note "Alleen in te zien: …" and the write
buttons disabled, with the reason as their tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QHeaderView, QTableView, QWidget

from ret_desk.domain.enums import CaseStatus
from ret_desk.domain.route_kinds import RouteKind
from ret_desk.services.cases.case_detail import CaseDetail
from ret_desk.services.context import Workspace


def fit_columns(view: QTableView, stretch: tuple[int, ...]) -> None:
    """Fit a record table to the narrow detail pane (1024×768): the short columns (dates,
    codes, statuses) as wide as their contents, the long text columns in `stretch` share the
    rest and elide on the right; their model gives the full text as a tooltip."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)


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
        """Only while the case is on a route of this kind and open; afterwards the record is history."""
        return self.read_only_reason() is None

    def label(self) -> str:
        """The record's name: the label of its route in the store's region."""
        if self.detail is None:
            return self.TITLE
        return self.detail.record_labels.get(self.KEY) or self.TITLE

    def title(self, detail: CaseDetail) -> str:
        """The tab's title for `detail`."""
        return detail.record_labels.get(self.KEY) or self.TITLE

    def read_only_reason(self) -> str | None:
        """Why the record is read-only, as one sentence in the house wording; None when not."""
        if self.detail is None:
            return self.tr("Alleen in te zien: er is geen casus gekozen.")
        if self.detail.route_kind != self.KIND.value:
            return self.tr(
                "Alleen in te zien: de casus staat niet meer op de route %s. Het dossier blijft bewaard."
            ) % (self.label())
        if self.detail.status == CaseStatus.CLOSED.value:
            return self.tr("Alleen in te zien: de casus is afgesloten.")
        return None

    def gate(self, button: QAbstractButton, may: bool, enabled: bool = True, hint: str = "") -> None:
        """Disable (never hide) a write button: `may` is whether this user may write the record
        now, `enabled` any further condition with `hint` saying what is missing. The tooltip
        says why a disabled button is disabled; the button's own tooltip is kept otherwise."""
        own = button.property("own_tip")
        if own is None:
            own = button.toolTip()
            button.setProperty("own_tip", own)
        button.setVisible(True)
        button.setEnabled(may and enabled)
        if not may:
            button.setToolTip(self.read_only_reason() or self.tr("Uw rol mag dit dossier niet bijwerken."))
        elif not enabled:
            button.setToolTip(hint)
        else:
            button.setToolTip(own)

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.load(detail)

    def load(self, detail: CaseDetail) -> None:
        """Fill the tab for `detail` (subclasses)."""
