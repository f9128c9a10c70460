"""Dialogs of the request list: a new placement request, and the provider's answer to a
logged match (accepted, or declined with a reason). FormDialogs: coded choices start
empty, and each stays open until its service call has succeeded."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ret_desk.domain.enums import Urgency
from ret_desk.domain.errors import FieldError
from ret_desk.domain.placement import SecurityLevel
from ret_desk.services.context import Workspace
from ret_desk.services.placement.placement_requests import RequestInput
from ret_desk.ui.cases.case_picker import CasePicker
from ret_desk.ui.form_dialog import FormDialog, choice_combo, chosen, required_choice


class RequestDialog(FormDialog):
    def __init__(
        self,
        types: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        workspace: Workspace | None = None,
        municipalities: list[tuple[str, str]] = (),
    ) -> None:
        """`types` and `municipalities` as (label, code): the region's placement types and
        municipalities (the school's municipality is where distances count from)."""
        super().__init__(parent, save_text=QCoreApplication.translate("RequestDialog", "Verzoek &opslaan"))
        self.setWindowTitle("Nieuw plaatsingsverzoek")
        self.setMinimumWidth(560)
        self.number = CasePicker(workspace)
        self.desired_start = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
        self.desired_start.setDate(QDate.currentDate())
        self.urgency = choice_combo([(u.label, u.value) for u in Urgency])
        self.type = choice_combo(types)
        self.reason = QLineEdit(placeholderText="Waarom passen lagere treden niet? (verplicht boven trede 1)")
        self.specialisms = QLineEdit(placeholderText="bijvoorbeeld: trauma, lvb")
        self.security = choice_combo([(level.label, level.value) for level in SecurityLevel])
        self.authorisation = QCheckBox("Er is een machtiging van de kinderrechter")
        self.siblings = QLineEdit(placeholderText="casusnummers van broers en zussen die mee moeten")
        self.school = QLineEdit(placeholderText="school die de jeugdige houdt")
        self.school_municipality = choice_combo(list(municipalities), self.tr("— gemeente van de school —"))
        self.max_distance = QDoubleSpinBox(minimum=0, maximum=500, suffix=" km", decimals=0)
        self.max_distance.setSpecialValueText("geen maximum")
        self.contra = QPlainTextEdit(placeholderText="Contra-indicaties")
        self.contra.setFixedHeight(60)
        self.contra.setTabChangesFocus(True)
        form = QFormLayout(self)
        for label, widget, name in (
            ("&Casus", self.number, "case"), (self.tr("Gewenste s&tart"), self.desired_start, ""),
            ("&Urgentie", self.urgency, "urgency"), ("&Laagste passende vorm", self.type, "type_code"),
            ("&Reden hogere trede", self.reason, "higher_rung_reason"),
            ("&Specialismen", self.specialisms, ""), ("&Beveiliging", self.security, "security"),
            ("", self.authorisation, ""), ("Broers en &zussen", self.siblings, "sibling_cases"),
            ("School &houden", self.school, "school_to_keep"),
            (self.tr("&Gemeente school"), self.school_municipality, "school_municipality"),
            ("&Maximale afstand", self.max_distance, "max_distance_km"),
            (self.tr("Co&ntra-indicaties"), self.contra, ""),
        ):  # fmt: skip
            self.add_field(form, label, widget, name)
        self.add_buttons(form)

    def value(self) -> RequestInput:
        d = self.desired_start.date()
        return RequestInput(
            desired_start=date(d.year(), d.month(), d.day()),
            urgency=Urgency(chosen(self.urgency)),
            type_code=chosen(self.type),
            higher_rung_reason=self.reason.text(),
            specialisms=frozenset(s.strip().lower() for s in self.specialisms.text().split(",") if s.strip()),
            security=SecurityLevel(chosen(self.security)),
            authorisation=self.authorisation.isChecked(),
            sibling_cases=tuple(s.strip() for s in self.siblings.text().split(",") if s.strip()),
            school_to_keep=self.school.text(),
            school_municipality=self.school_municipality.currentData() or "",
            max_distance_km=self.max_distance.value() or None,
            contra_indications=self.contra.toPlainText(),
        )

    def problems(self) -> list[FieldError]:
        errors = []
        if not self.number.number():
            errors.append(FieldError("case", self.tr("Kies de casus: typ een casusnummer of een naam.")))
        errors += required_choice(self.urgency, "urgency", self.tr("Kies de urgentie."))
        errors += required_choice(self.type, "type_code", self.tr("Kies de laagste passende plaatsingsvorm."))
        errors += required_choice(self.security, "security", self.tr("Kies het niveau van beveiliging."))
        return errors


class AnswerDialog(FormDialog):
    def __init__(self, number: str, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=QCoreApplication.translate("AnswerDialog", "&Vastleggen"))
        self.setWindowTitle(f"Antwoord aanbieder — casus {number}")
        self.setMinimumWidth(480)
        self.answer = choice_combo(
            [("Akkoord: de aanbieder neemt de jeugdige op", "akkoord"), ("Afgewezen", "afgewezen")]
        )
        self.reason = QLineEdit(placeholderText="Reden van afwijzing (verplicht bij afwijzen)")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Match met {location}"))
        self.add_field(form, "&Antwoord", self.answer, "answer")
        self.add_field(form, "&Reden", self.reason, "reason")
        self.add_buttons(form)

    @property
    def accepted_by_provider(self) -> bool:
        return chosen(self.answer) == "akkoord"

    def problems(self) -> list[FieldError]:
        errors = required_choice(self.answer, "answer", self.tr("Kies het antwoord van de aanbieder."))
        if chosen(self.answer) == "afgewezen" and not self.reason.text().strip():
            errors.append(FieldError("reason", self.tr("Geef de reden waarom de aanbieder afwijst.")))
        return errors
