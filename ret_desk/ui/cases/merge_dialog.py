"""MergeYouthDialog ("Jeugdige samenvoegen…" on the case detail): pick the other case,
see both youths and their differences, choose per field, confirm, merge.

A FormDialog (ui/form_dialog.py): it asks before the irreversible merge, stays open until
the merge has succeeded, and a refusal shows inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ret_desk.domain.errors import FieldError, StaleEdit
from ret_desk.services.cases.youth_merge import A, B, MergePreview, MergeSide, merge_youths, preview_merge
from ret_desk.services.context import Workspace
from ret_desk.ui.cases.case_picker import CasePicker
from ret_desk.ui.cases.youth_dialogs import FieldChoiceTable, cases_text
from ret_desk.ui.errors import user_message
from ret_desk.ui.form_dialog import FormDialog
from ret_desk.ui.ops import Op


class MergeYouthDialog(FormDialog):
    merged = Signal(str)  # case A's number

    def __init__(self, workspace: Workspace, number_a: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, save_text=QCoreApplication.translate("MergeYouthDialog", "&Samenvoegen…"))
        self.setWindowTitle(self.tr("Jeugdige samenvoegen"))
        self.setObjectName("mergeYouthDialog")
        self._workspace = workspace
        self.number_a = number_a
        self.preview: MergePreview | None = None
        self.table: FieldChoiceTable | None = None
        self.merge_button = self.save_button
        self._build()
        self.picker.picked.connect(self._on_picked)
        self.saved.connect(lambda _: self.merged.emit(self.number_a))
        self.set_save(self._merge_call)
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
        self.add_field(form, self.tr("&Andere casus (B)"), self.picker, "case_b")
        self.sides = QLabel()
        self.sides.setWordWrap(True)
        self.choices = QVBoxLayout()
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.sides)
        layout.addLayout(self.choices)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.add_buttons(layout)
        self.setMinimumWidth(680)

    def problems(self) -> list[FieldError]:
        if self.preview is None:
            return [FieldError("case_b", self.tr("Kies de andere casus (B) van dezelfde jeugdige."))]
        return []

    def confirmation(self) -> tuple[str, str] | None:
        p = self.preview
        return self.tr("Jeugdige samenvoegen"), self.tr(
            "Jeugdige B ({cases}) gaat op in de jeugdige van casus {a}; record B wordt verwijderd. "
            "Dit kan niet ongedaan worden gemaakt. Samenvoegen?"
        ).format(cases=cases_text(p.b.case_numbers), a=p.a.number)

    # -- the other case ---------------------------------------------------------------------
    def _on_picked(self, number_b: str) -> None:
        ws, number_a = self._workspace, self.number_a
        self._show_preview(None)
        self.refusal.hide()
        Op(self, lambda: ws.call(preview_merge, number_a=number_a, number_b=number_b)).success(
            self._show_preview
        ).failure(self._on_preview_refused).run()

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
        self.note.clear()
        self.revalidate()
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
            self.note.setText(self.tr("Geen verschillen: alleen de casussen worden verplaatst."))

    def _on_preview_refused(self, exc: BaseException) -> None:
        self._show_preview(None)
        self.refusal.setText(user_message(exc))
        self.refusal.show()
        self.fit_height()

    # -- merging ----------------------------------------------------------------------------
    def _merge_call(self):  # noqa: ANN202
        p, ws = self.preview, self._workspace
        take_b = self.table.chosen_right() if self.table is not None else frozenset()
        choices = {d.field: B if d.field in take_b else A for d in p.differences}
        return lambda: ws.call(
            merge_youths,
            number_a=p.a.number,
            number_b=p.b.number,
            choices=choices,
            versions=(p.a.version, p.b.version),
        )

    def _on_refused(self, exc: BaseException) -> None:
        if isinstance(exc, StaleEdit):
            # A stale preview may not be merged: the user picks case B again to see what is stored now.
            self._show_preview(None)
            self.picker.forget()
        super()._on_refused(exc)
