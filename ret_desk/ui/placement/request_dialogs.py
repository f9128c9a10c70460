"""Dialogs of the request list: a new placement request, and the provider's answer to a
logged match (accepted, or declined with a reason)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ret_desk.domain.enums import Urgency
from ret_desk.domain.placement import SecurityLevel
from ret_desk.services.placement_requests import RequestInput
from ret_desk.ui.buttons import save_button, save_cancel


class RequestDialog(QDialog):
    def __init__(self, types: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nieuw plaatsingsverzoek")
        self.setMinimumWidth(560)
        self.number = QLineEdit(placeholderText="Casusnummer")
        self.desired_start = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
        self.desired_start.setDate(QDate.currentDate())
        self.urgency = QComboBox()
        for u in Urgency:
            self.urgency.addItem(u.label, u.value)
        self.type = QComboBox()
        for label, code in types:
            self.type.addItem(label, code)
        self.reason = QLineEdit(placeholderText="Waarom passen lagere treden niet? (verplicht boven trede 1)")
        self.specialisms = QLineEdit(placeholderText="bijvoorbeeld: trauma, lvb")
        self.security = QComboBox()
        for level in SecurityLevel:
            self.security.addItem(level.label, level.value)
        self.authorisation = QCheckBox("Er is een machtiging van de kinderrechter")
        self.siblings = QLineEdit(placeholderText="casusnummers van broers en zussen die mee moeten")
        self.school = QLineEdit(placeholderText="school die de jeugdige houdt")
        self.max_distance = QDoubleSpinBox(minimum=0, maximum=500, suffix=" km", decimals=0)
        self.max_distance.setSpecialValueText("geen maximum")
        self.contra = QPlainTextEdit(placeholderText="Contra-indicaties")
        self.contra.setFixedHeight(60)
        self.buttons = save_cancel(self, "Verzoek &opslaan")
        form = QFormLayout(self)
        for label, widget in (
            ("&Casus", self.number), (self.tr("Gewenste s&tart"), self.desired_start),
            ("&Urgentie", self.urgency),
            ("&Laagste passende vorm", self.type), ("&Reden hogere trede", self.reason),
            ("&Specialismen", self.specialisms), ("&Beveiliging", self.security), ("", self.authorisation),
            ("Broers en &zussen", self.siblings), ("School &houden", self.school),
            ("&Maximale afstand", self.max_distance), (self.tr("Co&ntra-indicaties"), self.contra),
        ):  # fmt: skip
            form.addRow(label, widget)
        form.addRow(self.buttons)
        self.number.textChanged.connect(self._update)
        self._update()

    def value(self) -> RequestInput:
        d = self.desired_start.date()
        return RequestInput(
            desired_start=date(d.year(), d.month(), d.day()),
            urgency=Urgency(self.urgency.currentData()),
            type_code=self.type.currentData(),
            higher_rung_reason=self.reason.text(),
            specialisms=frozenset(s.strip().lower() for s in self.specialisms.text().split(",") if s.strip()),
            security=SecurityLevel(self.security.currentData()),
            authorisation=self.authorisation.isChecked(),
            sibling_cases=tuple(s.strip() for s in self.siblings.text().split(",") if s.strip()),
            school_to_keep=self.school.text(),
            max_distance_km=self.max_distance.value() or None,
            contra_indications=self.contra.toPlainText(),
        )

    def _update(self) -> None:
        save_button(self.buttons).setEnabled(bool(self.number.text().strip()))


class AnswerDialog(QDialog):
    def __init__(self, number: str, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Antwoord aanbieder — casus {number}")
        self.setMinimumWidth(480)
        self.answer = QComboBox()
        self.answer.addItem("Akkoord: de aanbieder neemt de jeugdige op", "akkoord")
        self.answer.addItem("Afgewezen", "afgewezen")
        self.reason = QLineEdit(placeholderText="Reden van afwijzing (verplicht bij afwijzen)")
        self.buttons = save_cancel(self, "&Vastleggen")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Match met {location}"))
        form.addRow("&Antwoord", self.answer)
        form.addRow("&Reden", self.reason)
        form.addRow(self.buttons)
        self.answer.currentIndexChanged.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._update()

    @property
    def accepted_by_provider(self) -> bool:
        return self.answer.currentData() == "akkoord"

    def _update(self) -> None:
        ok = self.accepted_by_provider or bool(self.reason.text().strip())
        save_button(self.buttons).setEnabled(ok)
