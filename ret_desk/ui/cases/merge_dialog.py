"""MergeYouthDialog ("Jeugdige samenvoegen…" on the case detail): pick the other case,
see both youths and their differences, choose per field, confirm, merge.

The dialog stays open until the merge has succeeded; a refusal shows inside it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ret_desk.domain.errors import StaleEdit
from ret_desk.services.cases.youth_merge import A, B, MergePreview, MergeSide, merge_youths, preview_merge
from ret_desk.services.context import Workspace
from ret_desk.ui.cases.case_picker import CasePicker
from ret_desk.ui.cases.youth_dialogs import FieldChoiceTable, cases_text
from ret_desk.ui.errors import user_message
from ret_desk.ui.ops import Op

_ERROR_STYLE = "color: #a40000;"


class MergeYouthDialog(QDialog):
    merged = Signal(str)  # case A's number

    def __init__(self, workspace: Workspace, number_a: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Jeugdige samenvoegen"))
        self.setObjectName("mergeYouthDialog")
        self._workspace = workspace
        self.number_a = number_a
        self.preview: MergePreview | None = None
        self.table: FieldChoiceTable | None = None
        self.confirm_box: QMessageBox | None = None
        self._build()
        self._connect()
        self.picker.setFocus()

    def _build(self) -> None:
        intro = QLabel(
            self.tr(
                "Voeg twee records van hetzelfde kind samen. De jeugdige van casus {a} (A) blijft; "
                "alle casussen en plaatsingen van de jeugdige van de andere casus (B) gaan naar A, "
                "en record B wordt verwijderd."
            ).format(a=self.number_a)
        )
        intro.setWordWrap(True)
        self.picker = CasePicker(self._workspace, exclude=self.number_a)
        form = QFormLayout()
        form.addRow(self.tr("&Andere casus (B)"), self.picker)
        self.sides = QLabel()
        self.sides.setWordWrap(True)
        self.choices = QVBoxLayout()
        self.message = QLabel()
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(
            self.tr("&Samenvoegen…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.sides)
        layout.addLayout(self.choices)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(680)

    def _connect(self) -> None:
        self.picker.picked.connect(self._on_picked)
        self.buttons.accepted.connect(self._on_merge)
        self.buttons.rejected.connect(self.reject)

    # -- the other case ---------------------------------------------------------------------
    def _on_picked(self, number_b: str) -> None:
        ws, number_a = self._workspace, self.number_a
        self._show_preview(None)
        Op(
            self, lambda: preview_merge(uow=ws.uow(), actor=ws.actor, number_a=number_a, number_b=number_b)
        ).success(self._show_preview).failure(self._on_refused).run()

    def _side_text(self, label: str, side: MergeSide) -> str:
        return self.tr("{label}: {name}, {municipality}; {cases}").format(
            label=label, name=side.name, municipality=side.municipality, cases=cases_text(side.case_numbers)
        )

    def _show_preview(self, preview: MergePreview | None) -> None:
        self.preview = preview
        if self.table is not None:
            self.table.setParent(None)
            self.table.deleteLater()
            self.table = None
        self.message.clear()
        self.merge_button.setEnabled(preview is not None)
        if preview is None:
            self.sides.clear()
            return
        self.sides.setText(self._side_text("A", preview.a) + "\n" + self._side_text("B", preview.b))
        if preview.differences:
            self.table = FieldChoiceTable(
                preview.differences, self.tr("A (behouden)"), self.tr("B (overnemen)")
            )
            self.choices.addWidget(self.table)
            self.layout().activate()
            self.resize(self.sizeHint().expandedTo(self.size()))  # room for both columns
        else:
            self.message.setText(self.tr("Geen verschillen: alleen de casussen worden verplaatst."))

    def _on_refused(self, exc: BaseException) -> None:
        self._show_preview(None)
        self.message.setText(user_message(exc))

    # -- merging ----------------------------------------------------------------------------
    def _on_merge(self) -> None:
        p = self.preview
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Jeugdige samenvoegen"),
            self.tr(
                "Jeugdige B ({cases}) gaat op in de jeugdige van casus {a}; record B wordt verwijderd. "
                "Dit kan niet ongedaan worden gemaakt. Samenvoegen?"
            ).format(cases=cases_text(p.b.case_numbers), a=p.a.number),
            parent=self,
        )
        self.confirm_yes = box.addButton(self.tr("&Samenvoegen"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(box.buttons()[-1])
        box.finished.connect(lambda _result: self._on_confirmed(box))
        self.confirm_box = box
        box.open()

    def _on_confirmed(self, box: QMessageBox) -> None:
        self.confirm_box = None
        if box.clickedButton() is not self.confirm_yes or self.preview is None:
            return
        p, ws = self.preview, self._workspace
        take_b = self.table.chosen_right() if self.table is not None else frozenset()
        choices = {d.field: B if d.field in take_b else A for d in p.differences}
        self.merge_button.setEnabled(False)
        Op(
            self,
            lambda: merge_youths(
                uow=ws.uow(),
                actor=ws.actor,
                number_a=p.a.number,
                number_b=p.b.number,
                choices=choices,
                versions=(p.a.version, p.b.version),
            ),
        ).success(self._on_merged).failure(self._on_failed).run()

    def _on_merged(self, _result: object) -> None:
        self.merged.emit(self.number_a)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        # A stale preview may not be merged: the user picks case B again to see what is stored now.
        self.merge_button.setEnabled(not isinstance(exc, StaleEdit))
        self.message.setText(user_message(exc))
        self.picker.forget()
