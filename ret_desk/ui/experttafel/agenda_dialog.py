"""AgendaDialog: put a case on a sitting's agenda (or edit its item): the question to
the table, who presents, the time slot and who attends. A coordinator may route the case
to the Experttafel in the same step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ret_desk.services.agenda import AgendaInput, agenda_problems
from ret_desk.ui.buttons import save_button, save_cancel


class AgendaDialog(QDialog):
    def __init__(
        self,
        *,
        may_route: bool,
        item: AgendaInput | None = None,
        number: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Agendapunt casus {number}" if item else "Casus op de agenda zetten")
        self.setMinimumWidth(620)
        self.number = QLineEdit(number, placeholderText="RET-2026-00012")
        self.number.setReadOnly(item is not None)
        self.question = QPlainTextEdit()
        self.question.setPlaceholderText("Welke vraag legt de inbrenger aan de tafel voor?")
        self.presenter = QLineEdit(placeholderText="Wie brengt de casus in?")
        self.slot_start = QLineEdit(placeholderText="uu:mm (leeg: na het vorige punt)")
        self.minutes = QSpinBox(minimum=5, maximum=240, singleStep=5, value=30, suffix=" min")
        self.youth_attends = QCheckBox("De jeugdige is aanwezig")
        self.parents_attend = QCheckBox("De ouders zijn aanwezig")
        self.route_reason = QLineEdit()
        self.route_reason.setPlaceholderText("Alleen nodig als de casus nog niet op route Experttafel staat")
        self.buttons = save_cancel(self)
        form = QFormLayout(self)
        form.addRow("&Casusnummer", self.number)
        form.addRow("&Vraagstelling", self.question)
        form.addRow("&Inbrenger", self.presenter)
        form.addRow("&Begintijd", self.slot_start)
        form.addRow("&Duur", self.minutes)
        form.addRow("", self.youth_attends)
        form.addRow("", self.parents_attend)
        if may_route and item is None:
            form.addRow("&Routeren naar Experttafel, reden", self.route_reason)
        form.addRow(self.buttons)
        if item is not None:
            self.question.setPlainText(item.question)
            self.presenter.setText(item.presenter)
            self.slot_start.setText(item.slot_start)
            self.minutes.setValue(item.slot_minutes)
            self.youth_attends.setChecked(item.youth_attends)
            self.parents_attend.setChecked(item.parents_attend)
        self.number.textChanged.connect(self._update_ok)
        self.question.textChanged.connect(self._update_ok)
        self.slot_start.textChanged.connect(self._update_ok)
        self._update_ok()

    def value(self) -> AgendaInput:
        return AgendaInput(
            question=self.question.toPlainText(),
            presenter=self.presenter.text(),
            slot_start=self.slot_start.text(),
            slot_minutes=self.minutes.value(),
            youth_attends=self.youth_attends.isChecked(),
            parents_attend=self.parents_attend.isChecked(),
        )

    def _update_ok(self) -> None:
        problems = agenda_problems(self.value())
        if not self.number.text().strip():
            problems.insert(0, None)
        save = save_button(self.buttons)
        save.setEnabled(not problems)
        save.setToolTip(
            "\n".join(p.message for p in problems if p) or ("Vul het casusnummer in." if problems else "")
        )
