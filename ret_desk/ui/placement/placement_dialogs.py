"""Dialogs to start a placement (a move when one is running: then its end reason is
asked) and to end one with a coded reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ret_desk.domain.placement import EndReason
from ret_desk.ui.buttons import save_button, save_cancel


def _date_edit() -> QDateEdit:
    edit = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
    edit.setDate(QDate.currentDate())
    return edit


def to_date(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _reasons() -> QComboBox:
    box = QComboBox()
    for reason in EndReason:
        box.addItem(reason.label, reason.value)
    return box


class StartPlacementDialog(QDialog):
    def __init__(
        self, number: str, types: list[tuple[str, str]], running: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Plaatsing starten — casus {number}")
        self.setMinimumWidth(620)
        self.location_agb = QLineEdit(placeholderText="AGB-code van de locatie (8 cijfers)")
        self.type = QComboBox()
        for label, code in types:
            self.type.addItem(label, code)
        self.started_on = _date_edit()
        self.rationale = QLineEdit(placeholderText="Nodig als de keuze niet rang 1 op de gevraagde trede is")
        self.stopgap = QCheckBox("Dit is een noodoplossing (geen passende plek)")
        self.move_reason = _reasons()
        self.buttons = save_cancel(self, "Plaatsing &starten")
        form = QFormLayout(self)
        form.addRow("&Locatie (AGB)", self.location_agb)
        form.addRow("&Plaatsingsvorm", self.type)
        form.addRow(self.tr("S&tartdatum"), self.started_on)
        form.addRow("&Onderbouwing", self.rationale)
        form.addRow("", self.stopgap)
        if running:
            note = QLabel(
                f"Er loopt een plaatsing bij {running}. Die eindigt op de startdatum: een doorplaatsing."
            )
            note.setWordWrap(True)
            form.addRow(note)
            form.addRow("&Reden einde huidige plaatsing", self.move_reason)
            self.move_reason.setCurrentIndex(self.move_reason.findData(EndReason.MISMATCH.value))
        else:
            self.move_reason.hide()
        self.has_running = running is not None
        form.addRow(self.buttons)
        self.location_agb.textChanged.connect(self._update)
        self._update()

    def move_end_reason(self) -> EndReason | None:
        return EndReason(self.move_reason.currentData()) if self.has_running else None

    def _update(self) -> None:
        agb = self.location_agb.text().strip()
        save_button(self.buttons).setEnabled(agb.isdigit() and len(agb) == 8)


class EndPlacementDialog(QDialog):
    def __init__(self, number: str, where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Plaatsing beëindigen — casus {number}")
        self.ended_on = _date_edit()
        self.reason = _reasons()
        form = QFormLayout(self)
        form.addRow(QLabel(f"Plaatsing bij {where}"))
        form.addRow("&Einddatum", self.ended_on)
        form.addRow("&Reden", self.reason)
        form.addRow(save_cancel(self, "&Beëindigen"))

    def end_reason(self) -> EndReason:
        return EndReason(self.reason.currentData())
