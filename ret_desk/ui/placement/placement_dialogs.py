"""Dialogs to start a placement (a move when one is running: then its end reason is
asked), to end one with a coded reason, and to correct an ended one's end. FormDialogs:
coded choices start empty, and each stays open until its service call has succeeded."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from ret_desk.domain.errors import FieldError
from ret_desk.domain.placement import EndReason
from ret_desk.services.context import Workspace
from ret_desk.ui.cases.case_picker import CasePicker
from ret_desk.ui.form_dialog import FormDialog, choice_combo, chosen, required_choice, select_data


def _date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
    edit.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
    return edit


def to_date(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _reasons() -> object:
    return choice_combo([(reason.label, reason.value) for reason in EndReason])


class StartPlacementDialog(FormDialog):
    """`number` empty: the case is picked here. `agb`/`type_code` prefill from a logged match."""

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
        super().__init__(parent, save_text="Plaatsing &starten")
        self.setWindowTitle(f"Plaatsing starten — casus {number}" if number else "Plaatsing starten")
        self.setMinimumWidth(520)
        self.case = CasePicker(workspace, number)
        self.case.setReadOnly(bool(number))
        self.location_agb = QLineEdit(agb, placeholderText="AGB-code van de locatie (8 cijfers)")
        self.type = choice_combo(types)
        select_data(self.type, type_code)
        self.started_on = _date_edit()
        self.rationale = QLineEdit(placeholderText="Nodig als de keuze niet rang 1 op de gevraagde trede is")
        self.stopgap = QCheckBox("Dit is een noodoplossing (geen passende plek)")
        self.move_reason = _reasons()
        form = QFormLayout(self)
        self.add_field(form, "&Casus", self.case, "case")
        self.add_field(form, "&Locatie (AGB)", self.location_agb, "location_agb")
        self.add_field(form, "&Plaatsingsvorm", self.type, "type_code")
        self.add_field(form, "Start&datum", self.started_on)
        self.add_field(form, "&Onderbouwing", self.rationale, "rationale")
        form.addRow("", self.stopgap)
        if running:
            note = QLabel(
                f"Er loopt een plaatsing bij {running}. Die eindigt op de startdatum: een doorplaatsing."
            )
            note.setWordWrap(True)
            form.addRow(note)
            self.add_field(form, "&Reden einde huidige plaatsing", self.move_reason, "move_reason")
        else:
            self.move_reason.hide()
        self.has_running = running is not None
        self.add_buttons(form)

    def number(self) -> str:
        return self.case.number()

    def confirmation(self) -> tuple[str, str] | None:
        if not self.has_running:
            return None
        return (
            "Doorplaatsen",
            f"De lopende plaatsing eindigt op {self.started_on.date().toString('dd-MM-yyyy')} "
            f"({EndReason(chosen(self.move_reason)).label.lower()}). Doorgaan?",
        )

    def move_end_reason(self) -> EndReason | None:
        value = chosen(self.move_reason)
        return EndReason(value) if self.has_running and value else None

    def problems(self) -> list[FieldError]:
        errors = []
        if not self.case.number():
            errors.append(FieldError("case", "Kies de casus: typ een casusnummer of een naam."))
        agb = self.location_agb.text().strip()
        if not (agb.isdigit() and len(agb) == 8):
            errors.append(FieldError("location_agb", "Een AGB-code heeft 8 cijfers."))
        errors += required_choice(self.type, "type_code", "Kies de plaatsingsvorm.")
        if self.has_running:
            errors += required_choice(
                self.move_reason, "move_reason", "Kies waarom de lopende plaatsing eindigt."
            )
        return errors


class EndPlacementDialog(FormDialog):
    def __init__(self, number: str, where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text="&Beëindigen")
        self.setWindowTitle(f"Plaatsing beëindigen — casus {number}")
        self.ended_on = _date_edit()
        self.reason = _reasons()
        form = QFormLayout(self)
        form.addRow(QLabel(f"Plaatsing bij {where}"))
        self.add_field(form, "&Einddatum", self.ended_on, "date")
        self.add_field(form, "&Reden", self.reason, "reason")
        self.add_buttons(form)

    def problems(self) -> list[FieldError]:
        return required_choice(self.reason, "reason", "Kies de reden waarom de plaatsing eindigt.")

    def end_reason(self) -> EndReason:
        return EndReason(chosen(self.reason))

    def confirmation(self) -> tuple[str, str] | None:
        on = self.ended_on.date().toString("dd-MM-yyyy")
        return (
            "Plaatsing beëindigen",
            f"De plaatsing eindigt op {on} ({self.end_reason().label.lower()}). Doorgaan?",
        )


class CorrectEndDialog(FormDialog):
    """Correct an ended placement's end date and reason, with the reason for the correction."""

    def __init__(
        self, where: str, ended_on: date, reason: EndReason | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, save_text="&Corrigeren")
        self.setWindowTitle("Einde van een plaatsing corrigeren")
        self.setMinimumWidth(500)
        self.ended_on = _date_edit(ended_on)
        self.reason = _reasons()
        select_data(self.reason, reason.value if reason else "")
        self.why = QLineEdit(placeholderText="Waarom klopte het niet? (komt als aantekening bij de casus)")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Plaatsing bij {where}"))
        self.add_field(form, "&Einddatum", self.ended_on, "ended_on")
        self.add_field(form, "&Reden einde", self.reason, "reason")
        self.add_field(form, "&Waarom deze correctie", self.why, "why")
        self.add_buttons(form)

    def problems(self) -> list[FieldError]:
        errors = required_choice(self.reason, "reason", "Kies de reden waarom de plaatsing eindigde.")
        if not self.why.text().strip():
            errors.append(FieldError("why", "Geef de reden van de correctie."))
        return errors

    def end_reason(self) -> EndReason:
        return EndReason(chosen(self.reason))
