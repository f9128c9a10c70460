"""Dialogs to start a placement (a move when one is running: then its end reason is
asked), to end one with a coded reason, and to correct an ended one's end. FormDialogs:
coded choices start empty, and each stays open until its service call has succeeded.
Ending a placement (also by a move) asks Ja/Nee first."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from ret_desk.domain.errors import FieldError
from ret_desk.domain.placement import EndReason
from ret_desk.services.context import Workspace
from ret_desk.ui.cases.case_picker import CasePicker
from ret_desk.ui.form_dialog import FormDialog, choice_combo, chosen, required_choice, select_data


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
    edit.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
    return edit


def to_date(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _reasons() -> QComboBox:
    return choice_combo([(reason.label, reason.value) for reason in EndReason])


class StartPlacementDialog(FormDialog):
    """`number` given: that case, read-only. `agb`/`type_code` prefill from a logged match."""

    def __init__(
        self,
        number: str,
        types: list[tuple[str, str]],
        running: str | None,
        parent: QWidget | None = None,
        *,
        workspace: Workspace | None = None,
        agb: str = "",
        type_code: str = "",
    ) -> None:
        super().__init__(parent, save_text=_tr("StartPlacementDialog", "Plaatsing &starten"))
        title = self.tr("Plaatsing starten — casus %s") % number if number else self.tr("Plaatsing starten")
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self.case = CasePicker(workspace, number)
        self.case.setReadOnly(bool(number))
        self.location_agb = QLineEdit(agb, placeholderText=self.tr("AGB-code van de locatie (8 cijfers)"))
        self.type = choice_combo(types)
        select_data(self.type, type_code)
        self.started_on = _date_edit()
        self.rationale = QLineEdit(
            placeholderText=self.tr("Nodig als de keuze niet rang 1 op de gevraagde trede is")
        )
        self.stopgap = QCheckBox(self.tr("Dit is een noodoplossing (geen passende plek)"))
        self.move_reason = _reasons()
        form = QFormLayout(self)
        self.add_field(form, self.tr("&Casus"), self.case, "case")
        self.add_field(form, self.tr("&Locatie (AGB)"), self.location_agb, "location_agb")
        self.add_field(form, self.tr("&Plaatsingsvorm"), self.type, "type_code")
        self.add_field(form, self.tr("S&tartdatum"), self.started_on)
        self.add_field(form, self.tr("&Onderbouwing"), self.rationale, "rationale")
        form.addRow("", self.stopgap)
        if running:
            note = QLabel(
                self.tr("Er loopt een plaatsing bij %s. Die eindigt op de startdatum: een doorplaatsing.")
                % running
            )
            note.setWordWrap(True)
            form.addRow(note)
            self.add_field(form, self.tr("&Reden einde huidige plaatsing"), self.move_reason, "move_reason")
        else:
            self.move_reason.hide()
        self.has_running = running is not None
        self.add_buttons(form)

    def number(self) -> str:
        return self.case.number()

    def move_end_reason(self) -> EndReason | None:
        value = chosen(self.move_reason)
        return EndReason(value) if self.has_running and value else None

    def confirmation(self) -> tuple[str, str] | None:
        if not self.has_running:
            return None
        on = self.started_on.date().toString("dd-MM-yyyy")
        reason = EndReason(chosen(self.move_reason)).label.lower()
        return self.tr("Doorplaatsen"), self.tr("De lopende plaatsing eindigt op %s (%s). Doorgaan?") % (
            on,
            reason,
        )

    def problems(self) -> list[FieldError]:
        errors = []
        if not self.case.number():
            errors.append(FieldError("case", self.tr("Kies de casus: typ een casusnummer of een naam.")))
        agb = self.location_agb.text().strip()
        if not (agb.isdigit() and len(agb) == 8):
            errors.append(FieldError("location_agb", self.tr("Een AGB-code heeft 8 cijfers.")))
        errors += required_choice(self.type, "type_code", self.tr("Kies de plaatsingsvorm."))
        if self.has_running:
            errors += required_choice(
                self.move_reason, "move_reason", self.tr("Kies waarom de lopende plaatsing eindigt.")
            )
        return errors


class EndPlacementDialog(FormDialog):
    def __init__(self, number: str, where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=_tr("EndPlacementDialog", "&Beëindigen"))
        self.setWindowTitle(self.tr("Plaatsing beëindigen — casus %s") % number)
        self.ended_on = _date_edit()
        self.reason = _reasons()
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Plaatsing bij %s") % where))
        self.add_field(form, self.tr("&Einddatum"), self.ended_on, "date")
        self.add_field(form, self.tr("&Reden"), self.reason, "reason")
        self.add_buttons(form)

    def problems(self) -> list[FieldError]:
        return required_choice(self.reason, "reason", self.tr("Kies de reden waarom de plaatsing eindigt."))

    def end_reason(self) -> EndReason:
        return EndReason(chosen(self.reason))

    def confirmation(self) -> tuple[str, str] | None:
        on = self.ended_on.date().toString("dd-MM-yyyy")
        question = self.tr("De plaatsing eindigt op %s (%s). Doorgaan?") % (
            on,
            self.end_reason().label.lower(),
        )
        return self.tr("Plaatsing beëindigen"), question


class CorrectEndDialog(FormDialog):
    """Correct an ended placement's end date and reason, with the reason for the correction."""

    def __init__(
        self, where: str, ended_on: date, reason: EndReason | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, save_text=_tr("CorrectEndDialog", "&Corrigeren"))
        self.setWindowTitle(self.tr("Einde van een plaatsing corrigeren"))
        self.setMinimumWidth(500)
        self.ended_on = _date_edit(ended_on)
        self.reason = _reasons()
        select_data(self.reason, reason.value if reason else "")
        self.why = QLineEdit(placeholderText=self.tr("Waarom klopte het niet?"))
        note = QLabel(self.tr("De reden van de correctie komt als aantekening bij de casus."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Plaatsing bij %s") % where))
        self.add_field(form, self.tr("&Einddatum"), self.ended_on, "ended_on")
        self.add_field(form, self.tr("&Reden einde"), self.reason, "reason")
        self.add_field(form, self.tr("&Waarom deze correctie"), self.why, "why")
        form.addRow("", note)
        self.add_buttons(form)

    def problems(self) -> list[FieldError]:
        errors = required_choice(
            self.reason, "reason", self.tr("Kies de reden waarom de plaatsing eindigde.")
        )
        if not self.why.text().strip():
            errors.append(FieldError("why", self.tr("Geef de reden van de correctie.")))
        return errors

    def end_reason(self) -> EndReason:
        return EndReason(chosen(self.reason))
