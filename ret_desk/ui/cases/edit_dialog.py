"""CaseEditDialog: complete or correct a case after intake (Ctrl+E on the case detail).

It validates inline (a field's error shows once the user left it or tried to save), saves
through the background Op, and closes only when the service call succeeded: a refusal is
shown in the dialog and nothing typed is lost.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

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
from ret_desk.services.case_detail import CaseDetail
from ret_desk.services.cases.edit_view import fields_from_detail
from ret_desk.services.cases.editing import EditResult, edit_case
from ret_desk.services.context import Workspace
from ret_desk.ui.cases.edit_form import ERROR_STYLE, CaseEditForm
from ret_desk.ui.errors import user_message
from ret_desk.ui.ops import Op


class CaseEditDialog(QDialog):
    saved = Signal(str)  # the case number
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
        self._touched: set[str] = set()
        self._tried = False
        self._saving = False
        role = workspace.actor.role
        self.form = CaseEditForm(
            self._start,
            municipalities=municipalities,
            may_correct_identity=is_allowed(role, Action.CORRECT_IDENTITY),
            may_override=is_allowed(role, Action.OVERRIDE_GVA),
            override=detail.gva.get("override"),
        )
        self._build()
        self._connect()

    def _build(self) -> None:
        self.message = QLabel()
        self.message.setObjectName("editMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(
            self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(720, 640)

    def _connect(self) -> None:
        for key, widgets in self.form.widgets.items():
            for widget in widgets:
                widget.installEventFilter(self)
                widget.setProperty("fieldKey", key)
                if isinstance(widget, QLineEdit | QPlainTextEdit):
                    widget.textChanged.connect(self._refresh)
                elif isinstance(widget, QComboBox):
                    widget.currentIndexChanged.connect(lambda _=0, k=key: self._touch(k))
                elif isinstance(widget, QCheckBox):
                    widget.toggled.connect(lambda _=False, k=key: self._touch(k))
        self.form.gva_present.toggled.connect(self._on_gva_toggled)
        self.form.future_plan.toggled.connect(self._on_plan_toggled)
        self.form.no_school.toggled.connect(self._on_no_school_toggled)
        self.save_button.clicked.connect(self._on_save)
        self.cancel_button.clicked.connect(self.reject)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        QTimer.singleShot(0, self.form.gva_present.setFocus)  # the first field has focus

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut and watched.property("fieldKey"):
            self._touch(watched.property("fieldKey"))
        return super().eventFilter(watched, event)

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
    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self._refresh()

    def validate(self) -> list[FieldError]:
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

    def _refresh(self) -> list[FieldError]:
        errors = self.validate()
        self.show_errors(errors)
        return errors

    def show_errors(self, errors: list[FieldError]) -> None:
        """Show each error under its field, once the field was left or saving was tried."""
        by_field: dict[str, list[str]] = {}
        for error in errors:
            if self._tried or error.field in self._touched:
                by_field.setdefault(error.field, []).append(error.message)
        for key, label in self.form.error_labels.items():
            label.setText(" ".join(by_field.get(key, [])))
            label.setVisible(key in by_field)

    # -- saving -------------------------------------------------------------------------
    def _on_save(self) -> None:
        if self._saving:
            return
        self._tried = True
        if errors := self._refresh():
            self._show_first(errors)
            return
        values, _ = self.form.values(self._start)
        override = self.form.gva_override.text().strip()
        ws, d = self._workspace, self._detail
        changes = {name: getattr(values, name) for name in FIELD_NAMES}
        self._saving = True
        self.save_button.setEnabled(False)
        self.message.hide()
        Op(
            self,
            lambda: edit_case(
                uow=ws.uow(),
                actor=ws.actor,
                number=d.number,
                changes=changes,
                reason=self.form.reason.text(),
                gva_override=override or None,
                expected_version=d.version,
                expected_youth_version=d.youth["version"],
            ),
        ).success(self._on_saved).failure(self._on_failed).run()

    def _show_first(self, errors: list[FieldError]) -> None:
        keys = [e.field for e in errors if e.field in self.form.widgets]
        tabs = sorted({self.form.tab_of(k) for k in keys})
        self.message.setText(
            self.tr("Verbeter de gemarkeerde velden (tabblad {tabs}); er is nog niets opgeslagen.").format(
                tabs=", ".join(self.form.tabText(i).replace("&", "") for i in tabs)
            )
        )
        self.message.show()
        if keys:
            self.form.setCurrentIndex(self.form.tab_of(keys[0]))
            self.form.widgets[keys[0]][0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_saved(self, _result: EditResult) -> None:
        self._saving = False
        self.saved.emit(self._detail.number)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, InvalidInput):
            self.show_errors(exc.errors)
            self._show_first(exc.errors)
        if isinstance(exc, StaleEdit):
            self.stale.emit()
        self.message.setText(user_message(exc))  # refused: shown here, and nothing typed is lost
        self.message.show()
