"""ProgressRun: long work on an Op, with a modal progress dialog and a cancel button.

    run = ProgressRun(owner, "Importeren…", lambda report: work(progress=report), done=on_done)

`work` gets `report(done, total)`, which returns False once the user cancelled. `done`
receives (result, cancelled): a run cancelled just as it finished still reports cancelled,
so the caller shows nothing the user no longer asked for. Work that stops by raising the
one `Cancelled` (domain.errors) also ends in `done(None, True)`, unless the caller gave a
`failed` callback. Other errors go to `failed`, or to the one error dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ret_desk.domain.errors import Cancelled
from ret_desk.ui.errors import show_error
from ret_desk.ui.ops import Op


class ProgressRun:
    def __init__(
        self,
        owner: QWidget,
        label: str,
        work: Callable[[Callable[[int, int], bool]], Any],
        *,
        done: Callable[[Any, bool], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._owner, self._label = owner, label
        self._done, self._failed = done, failed
        self.dialog: QProgressDialog | None = QProgressDialog(label, "Annuleren", 0, 0, owner)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.op = Op(owner, work, with_progress=True)
        self.dialog.canceled.connect(self.op.cancel)
        self.op.progress(self._on_progress).success(self._on_done).failure(self._on_failed).run()

    def _on_progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(total + 1)  # reaching the maximum would close it early
            self.dialog.setValue(done)
            self.dialog.setLabelText(f"{self._label} ({done} van {total})")

    def _close(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_done(self, result: Any) -> None:
        self._close()
        self._done(result, self.op.cancelled)

    def _on_failed(self, exc: BaseException) -> None:
        self._close()
        if isinstance(exc, Cancelled) and self._failed is None:
            self._done(None, True)
        elif self._failed is not None:
            self._failed(exc)
        else:
            show_error(self._owner, exc)
