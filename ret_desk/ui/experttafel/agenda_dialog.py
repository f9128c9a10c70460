"""AgendaDialog: put a case on a sitting's agenda (or edit its item): the question to
the table, who presents, the time slot and who attends. A coordinator may route the case
to the Experttafel in the same step. A FormDialog: it stays open until the item is stored;
a refusal (the case is not on the Experttafel route, a stale edit) shows in it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ret_desk.domain.errors import FieldError
from ret_desk.services.context import Workspace
from ret_desk.services.experttafel.agenda import AgendaInput, agenda_problems
from ret_desk.ui.cases.case_picker import CasePicker
from ret_desk.ui.form_dialog import FormDialog


class AgendaDialog(FormDialog):
    def __init__(
        self,
        *,
        may_route: bool,
        workspace: Workspace | None = None,
        item: AgendaInput | None = None,
        number: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Agendapunt casus {number}" if item else "Casus op de agenda zetten")
        self.setMinimumWidth(620)
        self.number = CasePicker(workspace, number, candidates=not may_route)
        self.number.setReadOnly(item is not None)
        self.question = QPlainTextEdit()
        self.question.setTabChangesFocus(True)
        self.question.setPlaceholderText("Welke vraag legt de inbrenger aan de tafel voor?")
        self.presenter = QLineEdit(placeholderText="Wie brengt de casus in?")
        self.slot_start = QLineEdit(placeholderText="uu:mm (leeg: na het vorige punt)")
        self.minutes = QSpinBox(minimum=5, maximum=240, singleStep=5, value=30, suffix=" min")
        self.youth_attends = QCheckBox("De jeugdige is aanwezig")
        self.parents_attend = QCheckBox("De ouders zijn aanwezig")
        self.route_reason = QLineEdit()
        self.route_reason.setPlaceholderText("Alleen nodig als de casus nog niet op route Experttafel staat")
        form = QFormLayout(self)
        self.add_field(form, self.tr("&Casus"), self.number, "case")
        self.add_field(form, "&Vraagstelling", self.question, "question")
        self.add_field(form, "&Inbrenger", self.presenter, "presenter")
        self.add_field(form, "&Begintijd", self.slot_start, "slot_start")
        self.add_field(form, "&Duur", self.minutes, "slot_minutes")
        form.addRow("", self.youth_attends)
        form.addRow("", self.parents_attend)
        if may_route and item is None:
            form.addRow("&Routeren naar Experttafel, reden", self.route_reason)
        if item is not None:
            self.question.setPlainText(item.question)
            self.presenter.setText(item.presenter)
            self.slot_start.setText(item.slot_start)
            self.minutes.setValue(item.slot_minutes)
            self.youth_attends.setChecked(item.youth_attends)
            self.parents_attend.setChecked(item.parents_attend)
        self.add_buttons(form)

    def value(self) -> AgendaInput:
        return AgendaInput(
            question=self.question.toPlainText(),
            presenter=self.presenter.text(),
            slot_start=self.slot_start.text(),
            slot_minutes=self.minutes.value(),
            youth_attends=self.youth_attends.isChecked(),
            parents_attend=self.parents_attend.isChecked(),
        )

    def problems(self) -> list[FieldError]:
        problems = agenda_problems(self.value())
        if not self.number.text().strip():
            problems.insert(0, FieldError("case", self.tr("Kies de casus: typ een casusnummer of een naam.")))
        return problems
