"""ProgressRun, the app's one way to run long work with a cancel button: work that stops
with the one Cancelled ends as a cancelled run, not as an error dialog."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QMessageBox, QWidget

from ret_desk.domain.errors import Cancelled, RuleViolation
from ret_desk.domain.progress import report_progress
from ret_desk.ui.ops import Op
from ret_desk.ui.progress_run import ProgressRun

WAIT = 10_000


def error_dialogs(owner: QWidget) -> list[QMessageBox]:
    return [b for b in owner.findChildren(QMessageBox) if b.objectName() == "errorDialog"]


def test_work_cancelled_by_the_user_ends_as_cancelled_without_an_error(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    ended = []

    def work(report):  # noqa: ANN001
        for done in range(1, 1000):  # ten seconds at most; the cancel comes at once
            report_progress(report, done, 1000)
            time.sleep(0.01)
        return "klaar"

    run = ProgressRun(
        owner, "Werken…", work, done=lambda result, cancelled: ended.append((result, cancelled))
    )
    run.op.cancel()
    qtbot.waitUntil(lambda: Op.pending() == 0 and bool(ended), timeout=WAIT)
    assert ended == [(None, True)]
    assert error_dialogs(owner) == []
    assert run.dialog is None


def test_a_cancel_with_its_own_failure_handler_goes_there(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    failed = []

    def work(report):  # noqa: ANN001
        raise Cancelled

    ProgressRun(owner, "Werken…", work, done=lambda *a: None, failed=failed.append)
    qtbot.waitUntil(lambda: Op.pending() == 0 and bool(failed), timeout=WAIT)
    assert isinstance(failed[0], Cancelled)


def test_other_errors_still_reach_the_error_dialog(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    ended = []

    def work(report):  # noqa: ANN001
        raise RuleViolation("Dit mag niet.")

    ProgressRun(owner, "Werken…", work, done=lambda *a: ended.append(a))
    qtbot.waitUntil(lambda: Op.pending() == 0 and bool(error_dialogs(owner)), timeout=WAIT)
    assert ended == []
    assert error_dialogs(owner)[0].text() == "Dit mag niet."
