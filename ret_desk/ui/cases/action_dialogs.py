"""Small dialogs for the actions on one case: route it, change its status, add a note."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ret_desk.domain.enums import CaseOutcome, CaseStatus, Route
from ret_desk.domain.statuses import allowed_next
from ret_desk.ui.combo import enum_data


class _ActionDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Opslaan")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.is_complete())

    def is_complete(self) -> bool:
        return True


class RouteDialog(_ActionDialog):
    def __init__(self, number: str, current: Route | None, parent: QWidget | None = None) -> None:
        super().__init__(f"Casus {number} routeren", parent)
        self.route = QComboBox()
        for route in Route:
            if route is not current:
                self.route.addItem(route.label, route)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Waarom deze route?")
        self.form.addRow(QLabel(f"Huidige route: {current.label if current else 'geen'}"))
        self.form.addRow("Nieuwe &route", self.route)
        self.form.addRow(self.tr("R&eden"), self.reason)
        self.reason.textChanged.connect(self._update_ok)
        self.finish_layout()

    def is_complete(self) -> bool:
        return bool(self.reason.text().strip())

    def chosen(self) -> tuple[Route, str]:
        return enum_data(self.route, Route), self.reason.text().strip()


class StatusDialog(_ActionDialog):
    def __init__(self, number: str, current: CaseStatus, parent: QWidget | None = None) -> None:
        super().__init__(f"Status van casus {number}", parent)
        self.status = QComboBox()
        for status in sorted(allowed_next(current)):
            label = "Heropenen (in triage)" if current is CaseStatus.CLOSED else status.label
            self.status.addItem(label, status)
        self.outcome = QComboBox()
        for outcome in CaseOutcome:
            self.outcome.addItem(outcome.label, outcome)
        self.reason = QLineEdit()
        self.form.addRow(QLabel(f"Huidige status: {current.label}"))
        self.form.addRow("Nieuwe &status", self.status)
        self.form.addRow("&Uitkomst", self.outcome)
        self.form.addRow("&Toelichting", self.reason)
        self.status.currentIndexChanged.connect(self._on_status_changed)
        self._on_status_changed()
        self.finish_layout()

    def _on_status_changed(self) -> None:
        self.outcome.setEnabled(enum_data(self.status, CaseStatus) is CaseStatus.CLOSED)

    def chosen(self) -> tuple[CaseStatus, CaseOutcome | None, str]:
        status = enum_data(self.status, CaseStatus)
        outcome = enum_data(self.outcome, CaseOutcome) if status is CaseStatus.CLOSED else None
        return status, outcome, self.reason.text().strip()


class NoteDialog(_ActionDialog):
    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Aantekening bij casus {number}", parent)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Werkaantekening (de jeugdige en ouders kunnen deze inzien)")
        self.form.addRow("&Aantekening", self.text)
        self.text.textChanged.connect(self._update_ok)
        self.finish_layout()

    def is_complete(self) -> bool:
        return bool(self.text.toPlainText().strip())

    def note(self) -> str:
        return self.text.toPlainText().strip()
