"""CaseEditDialog: complete or correct a case after intake (Ctrl+E on the case detail).

A FormDialog (ui/form_dialog.py): a field's error shows once the user left it or tried to
save, it saves through the background Op, and closes only when the service call
succeeded: a refusal is shown in the dialog and nothing typed is lost. The errors sit under
their fields in the tabs of CaseEditForm; saving with errors opens the tab of the first.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QVBoxLayout, QWidget

from ret_desk.domain.case_fields import (
    FIELD_NAMES,
    IDENTITY_FIELDS,
    changed_fields,
    normalise,
    validate_fields,
)
from ret_desk.domain.enums import ReferrerType
from ret_desk.domain.errors import FieldError, InvalidInput, StaleEdit
from ret_desk.domain.permissions import Action, is_allowed
from ret_desk.services.cases.case_detail import CaseDetail
from ret_desk.services.cases.edit_view import fields_from_detail
from ret_desk.services.cases.editing import edit_case
from ret_desk.services.context import Workspace
from ret_desk.ui.cases.edit_form import CaseEditForm
from ret_desk.ui.form_dialog import FormDialog


class CaseEditDialog(FormDialog):
    stale = Signal()  # someone else saved the case meanwhile: the detail behind should reload

    def __init__(
        self,
        workspace: Workspace,
        detail: CaseDetail,
        municipalities: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseEditDialog")
        self.setWindowTitle(self.tr("Casus {number} wijzigen").format(number=detail.number))
        self._workspace = workspace
        self._detail = detail
        self._start = fields_from_detail(detail)
        role = workspace.actor.role
        self.form = CaseEditForm(
            self._start,
            municipalities=municipalities,
            may_correct_identity=is_allowed(role, Action.CORRECT_IDENTITY),
            may_override=is_allowed(role, Action.OVERRIDE_GVA),
            override=detail.gva.get("override"),
        )
        self.error_labels = self.form.error_labels  # placed under their fields, in the tabs
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        self._connect()
        self.add_buttons(layout)
        self.set_save(self._edit_call)
        self.resize(720, 640)

    def _connect(self) -> None:
        for key, widgets in self.form.widgets.items():
            self.watch(key, *widgets)
            for widget in widgets:  # a choice made counts as the field left
                if isinstance(widget, QComboBox):
                    widget.currentIndexChanged.connect(lambda _=0, k=key: self.mark_left(k))
                elif isinstance(widget, QCheckBox):
                    widget.toggled.connect(lambda _=False, k=key: self.mark_left(k))
        self.form.gva_present.toggled.connect(self._on_gva_toggled)
        self.form.future_plan.toggled.connect(self._on_plan_toggled)
        self.form.no_school.toggled.connect(self._on_no_school_toggled)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        QTimer.singleShot(0, self.form.gva_present.setFocus)  # the first field has focus

    # -- small conveniences -------------------------------------------------------------
    def _on_gva_toggled(self, present: bool) -> None:
        if not present:
            self.form.gva_date.clear()  # a GVA date belongs to a present GVA
        elif not self.form.gva_date.text().strip():
            self.form.gva_date.setText(date.today().strftime("%d-%m-%Y"))

    def _on_plan_toggled(self, present: bool) -> None:
        if not present:
            self.form.future_plan_on.clear()

    def _on_no_school_toggled(self, none: bool) -> None:
        if none:
            self.form.school.clear()

    # -- validation ---------------------------------------------------------------------
    def problems(self) -> list[FieldError]:
        """Every problem the typed values have, as the service would report it."""
        values, errors = self.form.values(self._start)
        values = normalise(values)
        changed = changed_fields(self._start, values)
        errors += validate_fields(
            values,
            changed,
            referral_date=self._detail.referral["date"],
            referrer_type=ReferrerType(self._detail.referral["referrer_type"]),
            today=date.today(),
        )
        if IDENTITY_FIELDS & set(changed) and not self.form.reason.text().strip():
            errors.append(
                FieldError(
                    "reason", self.tr("Geef een reden voor de correctie van naam, BSN of geboortedatum.")
                )
            )
        return errors

    def validate(self) -> list[FieldError]:
        return self.problems()

    def _focus_first(self, errors: list[FieldError]) -> None:
        """Open the tab of the first error and say which tabs hold errors."""
        keys = [e.field for e in errors if e.field in self.form.widgets]
        tabs = sorted({self.form.tab_of(k) for k in keys})
        self.refusal.setText(
            self.tr("Verbeter de gemarkeerde velden (tabblad {tabs}); er is nog niets opgeslagen.").format(
                tabs=", ".join(self.form.tabText(i).replace("&", "") for i in tabs)
            )
        )
        self.refusal.show()
        self._open_field(keys)

    def _open_field(self, keys: list[str]) -> None:
        if keys:
            self.form.setCurrentIndex(self.form.tab_of(keys[0]))
            self.form.widgets[keys[0]][0].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- saving -------------------------------------------------------------------------
    def _edit_call(self):  # noqa: ANN202
        values, _ = self.form.values(self._start)
        override = self.form.gva_override.text().strip()
        reason = self.form.reason.text()
        ws, d = self._workspace, self._detail
        changes = {name: getattr(values, name) for name in FIELD_NAMES}
        return lambda: ws.call(
            edit_case,
            number=d.number,
            changes=changes,
            reason=reason,
            gva_override=override or None,
            expected_version=d.version,
            expected_youth_version=d.youth["version"],
        )

    def _on_refused(self, exc: BaseException) -> None:
        super()._on_refused(exc)  # the refusal shows here, and nothing typed is lost
        if isinstance(exc, InvalidInput):
            self._open_field([e.field for e in exc.errors if e.field in self.form.widgets])
        if isinstance(exc, StaleEdit):
            self.stale.emit()
