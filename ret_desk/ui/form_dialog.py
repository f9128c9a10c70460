"""FormDialog: the one base of every editing dialog (ARCHITECTURE.md "Form dialog").

- It validates inline: a subclass lists its problems (`problems()`, FieldErrors); Save's
  tooltip names them. Save stays clickable (a disabled button cannot say why, and a screen
  reader skips it): saving with problems shows every error and puts the cursor on the first.
- A field's error shows once the user has left that field or tried to save, never before
  anything is typed (`watch(name, widget)` registers a field, `error_label(name)` places it).
- Saving runs its service call through `ui.ops.Op` (Save disabled while the call runs) and
  the dialog closes only when the call succeeded. A refusal (a rule, a stale edit, an
  outage) shows in the dialog, above the buttons, and nothing typed is lost.

The owner gives the call with `set_save(prepare)`: `prepare()` runs on the main thread,
reads the widgets and returns the callable to run in the background. `saved` carries its
result once the dialog has closed.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ret_desk.domain.errors import FieldError, InvalidInput, RetDeskError, StaleEdit
from ret_desk.ui.buttons import save_button, save_cancel
from ret_desk.ui.confirm import ask
from ret_desk.ui.errors import show_error, user_message
from ret_desk.ui.ops import Op

_CANCEL_BUTTON = QDialogButtonBox.StandardButton.Cancel

ERROR_STYLE = "color: #a40000;"
_CLOSED = "retDeskFormClosed"
#: The first item of a coded choice that starts empty (see `choice_combo`).
PLACEHOLDER = QCoreApplication.translate("FormDialog", "— kies —")


def choice_combo(items: list[tuple[str, object]], placeholder: str = PLACEHOLDER) -> QComboBox:
    """A coded choice that starts empty: a placeholder item (data "") and then `items`."""
    box = QComboBox()
    box.addItem(placeholder, "")
    for label, value in items:
        box.addItem(label, value)
    return box


def chosen(box: QComboBox) -> Any:
    """The chosen item's data, or None while the placeholder is shown."""
    value = box.currentData()
    return None if value is None or value == "" else value


def select_data(box: QComboBox, value: object) -> None:
    """Choose the item whose data is `value` (the placeholder when there is none)."""
    box.setCurrentIndex(max(0, box.findData(value)))


def required_choice(box: QComboBox, field: str, message: str) -> list[FieldError]:
    return [FieldError(field, message)] if chosen(box) is None else []


def grow_to_fit(window: QWidget) -> None:
    """Grow (never shrink) a shown window to the height its layout needs at this width: a
    wrapped error or refusal line needs more than the size Qt keeps for a window."""
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    if (
        layout.hasHeightForWidth()
        and (needed := layout.totalHeightForWidth(window.width())) > window.height()
    ):
        window.resize(window.width(), needed)


class _LeaveWatcher(QObject):
    """Marks a field as left when its widget loses focus.

    It keeps no Python state: the field's name is its object name and the dialog is its Qt
    parent. A Python attribute would tie it into a reference cycle with the dialog, and the
    cycle collector could then clear it while Qt still sends it events (seen as a crash)."""

    def __init__(self, dialog: FormDialog, name: str) -> None:
        super().__init__(dialog)
        self.setObjectName(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FocusOut:
            dialog = self.parent()
            # A dialog being torn down still sends focus events from its children.
            if isinstance(dialog, FormDialog) and not dialog.property(_CLOSED):
                dialog.mark_left(self.objectName())
        return False


class FormDialog(QDialog):
    saved = Signal(object)
    #: After a stale save the user chose "Opnieuw laden": the dialog closed; its owner
    #: shows the stored data (and may open the dialog again on it).
    reload_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        save_text: str = "",
        cancel_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.buttons = save_cancel(self, save_text or self.tr("Opslaan"), cancel_text or self.tr("Annuleren"))
        self.save_button = save_button(self.buttons)
        # Offered only after a stale save (someone else changed the record meanwhile). No
        # Alt letter: it is hidden in most dialogs, whose letters are all taken; Tab reaches it.
        self.reload_button = self.buttons.addButton(
            self.tr("Opnieuw laden"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.setToolTip(
            self.tr("De gegevens zoals ze nu zijn opgeslagen; wat u hier wijzigde, vervalt.")
        )
        self.reload_button.hide()
        self.reload_button.clicked.connect(self._on_reload)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setStyleSheet(ERROR_STYLE)
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        # Problems of no single field (or of a field without its own line, such as "pick a
        # row in the list") speak here once the user tried to save.
        self.other_errors = QLabel()
        self.other_errors.setObjectName("error_other")
        self.other_errors.setStyleSheet(ERROR_STYLE)
        self.other_errors.setWordWrap(True)
        self.other_errors.hide()
        self.error_labels: dict[str, QLabel] = {}
        self._left: set[str] = set()
        self._tried = False
        self._busy = False
        self._prepare: Callable[[], Callable[[], Any]] | None = None
        self._server_errors: list[FieldError] = []
        self._first_widget: dict[str, QWidget] = {}
        self.active_confirm = None

    # -- for subclasses -------------------------------------------------------------------
    def problems(self) -> list[FieldError]:
        """What keeps the form from being saved; checked on every change."""
        return []

    def confirmation(self) -> tuple[str, str] | None:
        """(title, question) to ask with Ja/Nee before an irreversible save; None: no question."""
        return None

    def error_label(self, name: str) -> QLabel:
        """The label under field `name` that shows its error (hidden until it may speak)."""
        if name not in self.error_labels:
            label = QLabel()
            label.setObjectName(f"error_{name}")
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
            label.hide()
            self.error_labels[name] = label
        return self.error_labels[name]

    def watch(self, name: str, *widgets: QWidget) -> None:
        """Check the form when these widgets change; show `name`'s error once one is left."""
        self._first_widget.setdefault(name, widgets[0])
        for widget in widgets:
            widget.installEventFilter(_LeaveWatcher(self, name))
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.textChanged.connect(self.revalidate)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self.revalidate)
            elif isinstance(widget, QAbstractButton):
                widget.toggled.connect(self.revalidate)
            elif isinstance(widget, (QDateEdit, QSpinBox)):
                widget.editingFinished.connect(self.revalidate)
                if isinstance(widget, QDateEdit):
                    widget.dateChanged.connect(self.revalidate)
                else:
                    widget.valueChanged.connect(self.revalidate)

    def add_field(
        self, form: QFormLayout, label: str, widget: QWidget | QLayout, name: str = "", *watched: QWidget
    ) -> None:
        """A form row, and when `name` is given, its error line under it, watched."""
        form.addRow(label, widget)
        if name:
            form.addRow("", self.error_label(name))
            self.watch(name, *(watched or (widget,)))

    def add_buttons(self, layout: QFormLayout | QBoxLayout) -> None:
        """The refusal line and the Save/Cancel row, at the bottom of the dialog."""
        for widget in (self.other_errors, self.refusal, self.buttons):
            if isinstance(layout, QFormLayout):
                layout.addRow(widget)
            else:
                layout.addWidget(widget)
        self.revalidate()

    def set_save(self, prepare: Callable[[], Callable[[], Any]]) -> None:
        self._prepare = prepare

    @property
    def busy(self) -> bool:
        return self._busy

    # -- behaviour --------------------------------------------------------------------
    def mark_left(self, name: str) -> None:
        if name not in self._left:
            self._left.add(name)
            self.revalidate()

    def revalidate(self) -> list[FieldError]:
        self._server_errors = []
        errors = self.problems()
        self._show(errors)
        return errors

    def _show(self, errors: list[FieldError]) -> None:
        by_field: dict[str, list[str]] = {}
        for error in errors + self._server_errors:
            by_field.setdefault(error.field, []).append(error.message)
        for name, label in self.error_labels.items():
            label.setText(" ".join(by_field.get(name, [])))
            may_speak = self._tried or name in self._left or any(e.field == name for e in self._server_errors)
            label.setVisible(name in by_field and may_speak)
        other = [e.message for e in errors if e.field not in self.error_labels]
        self.other_errors.setText("\n".join(other))
        self.other_errors.setVisible(self._tried and bool(other))
        self.save_button.setEnabled(not self._busy)
        self.save_button.setToolTip("\n".join(e.message for e in errors))
        self.fit_height()

    def fit_height(self) -> None:
        grow_to_fit(self)

    def done(self, result: int) -> None:
        # Closed (saved or cancelled): no Python event filter runs for widgets that Qt is
        # about to destroy (Qt drops a deleted filter from its widgets by itself).
        self.setProperty(_CLOSED, True)
        for watcher in self.findChildren(_LeaveWatcher):
            watcher.deleteLater()
        super().done(result)

    def accept(self) -> None:
        """Save: check, run the service call, and close only when it succeeded."""
        if self._busy:
            return
        self._tried = True
        errors = self.revalidate()
        if errors:
            self._focus_first(errors)
            return
        if self._prepare is None:
            super().accept()
            return
        if (question := self.confirmation()) is not None:
            self.active_confirm = ask(self, *question, self._save)
            return
        self._save()

    def _save(self) -> None:
        if self._busy:
            return
        work = self._prepare()
        self._busy = True
        # Disabling Save moves the focus to Cancel (and makes it the default button): where
        # the user was goes back after a refused save, so that Enter never discards.
        self._focus_before = self.focusWidget()
        self.save_button.setEnabled(False)
        self.refusal.hide()
        Op(self, work).success(self._on_saved).failure(self._on_refused).run()

    def _on_reload(self) -> None:
        self.reject()
        self.reload_requested.emit()

    def _focus_first(self, errors: list[FieldError]) -> None:
        for error in errors:
            if (widget := self._first_widget.get(error.field)) is not None:
                widget.setFocus()
                return

    def _on_saved(self, result: Any) -> None:
        self._busy = False
        super().accept()
        self.saved.emit(result)

    def _on_refused(self, exc: BaseException) -> None:
        self._busy = False
        if not self.isVisible():
            # The user closed the dialog while the call ran: the refusal must still be seen.
            show_error(self.parentWidget(), exc)
            return
        if not isinstance(exc, RetDeskError):
            # For the administrator: the technical cause on stderr, never in the dialog.
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        message = user_message(exc)
        self.reload_button.setVisible(isinstance(exc, StaleEdit))
        if isinstance(exc, InvalidInput):
            self._server_errors = [e for e in exc.errors if e.field in self.error_labels]
            unplaced = [e.message for e in exc.errors if e.field not in self.error_labels]
            # Each error stands at its field already: the line above the buttons only says
            # that nothing was saved, instead of repeating them (a long form ran over).
            message = "\n".join(unplaced) or self.tr("Niet opgeslagen: zie de meldingen bij de velden.")
        self.refusal.setText(message)
        self.refusal.show()
        errors = self.problems()
        self._show(errors)
        self._refocus()

    def _refocus(self) -> None:
        """After a refused save: the focus where it was (a field, or Save), never Cancel;
        Save the default button again."""
        self.save_button.setDefault(True)
        back, cancel = getattr(self, "_focus_before", None), self.buttons.button(_CANCEL_BUTTON)
        if back is None or back is cancel or not (back.isVisible() and back.isEnabled()):
            back = self.save_button
        back.setFocus()
