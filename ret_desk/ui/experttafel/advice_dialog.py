"""AdviceDialog: after the sitting, the table's considerations and advice on one agenda
item, its action points (owner, due date, done), the follow-up date, and later whether
the referrer accepted the advice and what came of it. A FormDialog: the advice type starts
empty, and the dialog stays open until the advice is stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.dutch_dates import short_date
from ret_desk.domain.errors import FieldError
from ret_desk.domain.experttafel import AdviceType
from ret_desk.services.context import Workspace
from ret_desk.services.experttafel import advice
from ret_desk.services.experttafel.advice import AdviceInput
from ret_desk.services.experttafel.advice_views import ItemView
from ret_desk.ui.form_dialog import FormDialog, choice_combo, chosen, required_choice, select_data
from ret_desk.ui.grid import EditorDelegate, GridModel, grid_view, open_editors

COL_DESCRIPTION, COL_OWNER, COL_DUE, COL_DONE = range(4)


@dataclass(frozen=True, slots=True)
class NewAction:
    description: str
    owner: str
    due_on: date | None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class AdviceDialog(FormDialog):
    def __init__(self, item: ItemView, youth: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setWindowTitle(f"Advies casus {item.case_number}")
        self.resize(720, 640)  # a minimum this tall would not fit a laptop at 150% scaling
        self._build(youth)
        self._connect()
        self._fill()

    def _build(self, youth: str) -> None:
        self.advice_type = choice_combo([(each.label, each.value) for each in AdviceType])
        self.considerations = QPlainTextEdit(placeholderText="Wat woog de tafel af?")
        self.advice_text = QPlainTextEdit(placeholderText="Het advies van de Experttafel")
        for edit in (self.considerations, self.advice_text):
            edit.setTabChangesFocus(True)
        self.has_follow_up = QCheckBox("Follow-up op")
        self.follow_up = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
        self.follow_up.setAccessibleName(self.tr("Datum follow-up"))
        # "Nog niet bekend" is a real answer here (the referrer has not said yet), not a preselection.
        self.referrer_accepted = choice_combo(
            [(self.tr("Ja, overgenomen"), "ja"), (self.tr("Nee, niet overgenomen"), "nee")],
            self.tr("Nog niet bekend"),
        )
        self.outcome = QLineEdit(placeholderText="Wat kwam er van het advies terecht?")
        # Action points: the text is fixed once added; "Gedaan" is a check box in the cell.
        self.action_rows = GridModel(
            ["Actiepunt", "Eigenaar", "Gereed op", "Gedaan"],
            editable=[COL_DONE],
            labels={COL_DUE: short_date},
        )
        self.actions = grid_view(self.action_rows, self.tr("Actiepunten"))
        self.actions.setItemDelegateForColumn(COL_DONE, EditorDelegate({COL_DONE: QCheckBox}, self.actions))
        self.actions.setColumnWidth(COL_DESCRIPTION, 320)
        self.actions.setColumnWidth(COL_OWNER, 150)
        self.new_description = QLineEdit(placeholderText="Nieuw actiepunt")
        self.new_owner = QLineEdit(placeholderText="Eigenaar")
        self.new_due = QDateEdit(calendarPopup=True, displayFormat="dd-MM-yyyy")
        self.new_due.setDate(QDate.currentDate().addDays(14))
        self.new_due.setAccessibleName(self.tr("Gereed op (nieuw actiepunt)"))
        self.add_action = QPushButton("Actiepunt &toevoegen")

        question = QLabel(
            f"<b>{escape(self.item.case_number)}</b> — {escape(youth)}<br>Vraag: {escape(self.item.question)}"
        )
        question.setWordWrap(True)
        follow = QHBoxLayout()
        follow.addWidget(self.has_follow_up)
        follow.addWidget(self.follow_up)
        follow.addStretch(1)
        form = QFormLayout()
        form.addRow(question)
        self.add_field(form, "&Soort advies", self.advice_type, "advice_type")
        self.add_field(form, "&Overwegingen", self.considerations, "considerations")
        self.add_field(form, "&Advies", self.advice_text, "advice_text")
        form.addRow("", follow)
        form.addRow(self.tr("Advies overgeno&men"), self.referrer_accepted)
        form.addRow("&Uitkomst follow-up", self.outcome)
        adding = QHBoxLayout()
        adding.addWidget(self.new_description, 3)
        adding.addWidget(self.new_owner, 1)
        adding.addWidget(self.new_due)
        adding.addWidget(self.add_action)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 2)
        layout.addWidget(QLabel("Actiepunten"))
        layout.addWidget(self.actions, 1)
        layout.addLayout(adding)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.has_follow_up.toggled.connect(self.follow_up.setEnabled)
        self.add_action.clicked.connect(self._on_add_action)
        self.new_description.returnPressed.connect(self._on_add_action)

    def _fill(self) -> None:
        item = self.item
        if item.advice_type:
            select_data(self.advice_type, item.advice_type.value)
        self.considerations.setPlainText(item.considerations)
        self.advice_text.setPlainText(item.advice_text)
        self.has_follow_up.setChecked(item.follow_up_on is not None)
        self.follow_up.setEnabled(item.follow_up_on is not None)
        self.follow_up.setDate(
            _qdate(item.follow_up_on or item.session_date).addDays(0 if item.follow_up_on else 42)
        )
        select_data(self.referrer_accepted, {None: "", True: "ja", False: "nee"}[item.referrer_accepted])
        self.outcome.setText(item.follow_up_outcome)
        for action in item.actions:
            self._add_row(action.description, action.owner, action.due_on, action.done, action.id)
        self.revalidate()

    def _add_row(
        self, description: str, owner: str, due: date | None, done: bool, action_id: int | None
    ) -> None:
        new = NewAction(description, owner, due) if action_id is None else None
        row = self.action_rows.add_row(
            {COL_DESCRIPTION: description, COL_OWNER: owner, COL_DUE: due, COL_DONE: done}
            | {"id": action_id, "was_done": done, "new": new}
        )
        open_editors(self.actions, row, [COL_DONE])

    def _on_add_action(self) -> None:
        description = self.new_description.text().strip()
        if not description:
            self.new_description.setFocus()
            return
        self._add_row(description, self.new_owner.text().strip(), _date(self.new_due.date()), False, None)
        self.new_description.clear()
        self.new_owner.clear()
        self.new_description.setFocus()

    def value(self) -> AdviceInput:
        accepted = {None: None, "ja": True, "nee": False}[chosen(self.referrer_accepted)]
        return AdviceInput(
            advice_type=AdviceType(chosen(self.advice_type)),
            advice_text=self.advice_text.toPlainText(),
            considerations=self.considerations.toPlainText(),
            follow_up_on=_date(self.follow_up.date()) if self.has_follow_up.isChecked() else None,
            referrer_accepted=accepted,
            follow_up_outcome=self.outcome.text(),
        )

    def new_actions(self) -> list[tuple[NewAction, bool]]:
        """Action points added in this dialog, with whether they are already done."""
        return [(row["new"], bool(row[COL_DONE])) for row in self.action_rows.rows if row["new"] is not None]

    def done_changes(self) -> dict[int, bool]:
        """Existing action points whose done-mark the user changed."""
        return {
            row["id"]: bool(row[COL_DONE])
            for row in self.action_rows.rows
            if row["id"] is not None and bool(row[COL_DONE]) != row["was_done"]
        }

    def save_work(self, ws: Workspace) -> Callable[[], None]:
        """The advice, new action points and changed done-marks, read now, written in the background."""
        item, data, new, changed = self.item, self.value(), self.new_actions(), self.done_changes()

        def work() -> None:
            ws.call(advice.record_advice, item_id=item.id, data=data, expected_version=item.version)
            for action, done in new:
                action_id = ws.call(
                    advice.add_action, item_id=item.id, description=action.description,
                    owner=action.owner, due_on=action.due_on,
                )  # fmt: skip
                if done:
                    ws.call(advice.set_action_done, action_id=action_id, done=True)
            for action_id, done in changed.items():
                ws.call(advice.set_action_done, action_id=action_id, done=done)

        return work

    def problems(self) -> list[FieldError]:
        errors = required_choice(self.advice_type, "advice_type", self.tr("Kies de soort advies."))
        if not self.advice_text.toPlainText().strip():
            errors.append(FieldError("advice_text", self.tr("Schrijf het advies van de tafel.")))
        return errors
