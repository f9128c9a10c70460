"""ServiceDialog: a small form that calls one service in the background and closes only
when that call succeeded. A refusal shows inside the dialog and nothing typed is lost.

Subclasses add rows to `self.form`, call `self.finish()`, and implement `_work()`, which
checks the fields (returning a Dutch message to refuse) and returns the callable to run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from ret_desk.ui.errors import user_message
from ret_desk.ui.ops import Op


class ServiceDialog(QDialog):
    succeeded = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.form = QFormLayout(self)
        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setStyleSheet("color: #a40000;")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        self.result_value: Any = None

    def finish(self, ok_text: str) -> None:
        self.ok_button.setText(ok_text)
        self.form.addRow(self.message)
        self.form.addRow(self.buttons)

    def _work(self) -> Callable[[], Any] | str:  # pragma: no cover - every dialog overrides
        raise NotImplementedError

    def _on_ok(self) -> None:
        work = self._work()
        if isinstance(work, str):
            self.message.setText(work)
            return
        self.message.setText("")
        self.ok_button.setEnabled(False)
        Op(self, work).success(self._ok).failure(self._fail).run()

    def _ok(self, result: Any) -> None:
        self.result_value = result
        self.succeeded.emit(result)
        self.accept()

    def _fail(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.setText(user_message(exc))
