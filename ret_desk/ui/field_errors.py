"""FieldErrors: a form's error labels that speak at the right moment.

A field's error shows once the user has left that field (or made a choice in it), or has
tried to save; never before anything is typed. Errors that belong to no field show after
a save attempt.

    errors = FieldErrors(labels, dialog)      # labels: field name → its QLabel
    errors.watch("bsn", form.bsn)             # a widget, or a layout of widgets
    errors.touched.connect(dialog.validate)
    errors.show(field_errors)                 # in validate()
    errors.reveal_all()                       # on save
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLayout, QWidget

from ret_desk.domain.errors import FieldError


def _widgets(item: QWidget | QLayout) -> list[QWidget]:
    if isinstance(item, QWidget):
        return [item]
    found: list[QWidget] = []
    for i in range(item.count()):
        child = item.itemAt(i)
        if child.widget() is not None:
            found.append(child.widget())
        elif child.layout() is not None:
            found += _widgets(child.layout())
    return found


class FieldErrors(QObject):
    #: The user left a field or made a choice: validate again, so its error shows.
    touched = Signal(str)

    def __init__(self, labels: dict[str, QLabel], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self._fields: dict[str, list[QWidget]] = {}
        self._owner: dict[QWidget, str] = {}
        self._touched: set[str] = set()
        self.all_revealed = False

    def watch(self, name: str, *items: QWidget | QLayout) -> None:
        for widget in (w for item in items for w in _widgets(item)):
            self._fields.setdefault(name, []).append(widget)
            self._owner[widget] = name
            widget.installEventFilter(self)
            if isinstance(widget, QComboBox):
                widget.activated.connect(lambda _=0, n=name: self.touch(n))
            elif isinstance(widget, QAbstractButton):
                widget.clicked.connect(lambda _=False, n=name: self.touch(n))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut and obj in self._owner:
            self.touch(self._owner[obj])
        return False

    def touch(self, name: str) -> None:
        if name not in self._touched:
            self._touched.add(name)
            self.touched.emit(name)

    def reveal_all(self) -> None:
        self.all_revealed = True

    def shown(self, name: str) -> bool:
        return self.all_revealed or name in self._touched

    def show(self, errors: list[FieldError]) -> None:
        by_field: dict[str, list[str]] = {}
        for error in errors:
            by_field.setdefault(error.field, []).append(error.message)
        for name, label in self.labels.items():
            visible = name in by_field and self.shown(name)
            label.setText(" ".join(by_field.get(name, [])) if visible else "")
            label.setVisible(visible)

    def first_invalid(self, errors: list[FieldError]) -> QWidget | None:
        """The first field (in the order watched) with an error, to put the focus on."""
        wrong = {e.field for e in errors}
        for name, widgets in self._fields.items():
            if name in wrong:
                return next((w for w in widgets if w.isEnabled()), None)
        return None
