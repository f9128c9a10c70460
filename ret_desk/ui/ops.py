"""The one background helper (after Anki's QueryOp): every query and write runs here.

    Op(parent, fn).success(on_done).failure(on_error).run()

`fn` runs on a QThreadPool thread; the callbacks run on the main thread. Without a
failure callback, errors land in the one error dialog (ui.errors.show_error).

Long work reports progress and can be cancelled:

    op = Op(parent, lambda report: build(progress=report), with_progress=True)
    op.progress(on_progress).success(on_done).run();  ...;  op.cancel()

`report(done, total)` returns False once the user cancelled; the work then stops itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QWidget


class _Bridge(QObject):
    """Lives on the main thread; its slots receive the worker's result through a queued
    connection, so callbacks always run on the main thread."""

    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)

    def __init__(self, on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None]) -> None:
        # Owned by the application object, not by Python: the bridge and its Op form a
        # reference cycle, and Python's collector may break it on a worker thread (any
        # allocation there can start a collection). A Python-owned bridge would then be
        # deleted on that thread while the main thread still had its events queued: a
        # rare segfault. With a C++ parent only `deleteLater` (main thread) deletes it.
        super().__init__(QCoreApplication.instance())
        self._on_done = on_done
        self._on_failed = on_failed
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        self._on_done(result)

    @Slot(object)
    def _deliver_failed(self, exc: BaseException) -> None:
        self._on_failed(exc)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge) -> None:  # fn already bound to its reporter
        super().__init__()
        self._fn = fn
        self._bridge = bridge

    def run(self) -> None:
        fn, self._fn = self._fn, None
        try:
            result = fn()
        except BaseException as exc:  # noqa: BLE001 - every error goes to the UI, none is lost
            del fn
            self._bridge.failed.emit(exc)
        else:
            # Drop the work (and what it captured, often a widget or model) here, while its
            # Op on the main thread still holds it: the last reference must go there, never
            # on this thread, or Qt objects would be deleted off the main thread.
            del fn
            self._bridge.done.emit(result)


class Op:
    #: Running ops, kept alive until their callbacks have run.
    _running: set[Op] = set()

    def __init__(
        self, parent: QObject | None, fn: Callable[..., Any], *, with_progress: bool = False
    ) -> None:
        self._parent = parent
        self._fn = (lambda: fn(self._report)) if with_progress else fn
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._cancelled = threading.Event()
        self._bridge = _Bridge(self._finish_ok, self._finish_error)

    def progress(self, callback: Callable[[int, int], None]) -> Op:
        self._bridge.progressed.connect(callback)
        return self

    def cancel(self) -> None:
        """Ask the work to stop; it does so at its next progress report."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _report(self, done: int, total: int) -> bool:
        # Runs on the worker thread; the signal is queued to the main thread.
        self._bridge.progressed.emit(done, total)
        return not self._cancelled.is_set()

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._on_failure = callback
        return self

    def run(self) -> None:
        Op._running.add(self)
        QThreadPool.globalInstance().start(_Job(self._fn, self._bridge))

    @classmethod
    def pending(cls) -> int:
        return len(cls._running)

    def _owner_gone(self) -> bool:
        # The window or model that asked may have closed while the work ran.
        return self._parent is not None and not shiboken6.isValid(self._parent)

    def _release(self) -> None:
        # Runs on the GUI thread: the bridge is deleted here, never by whichever thread
        # drops the last Python reference to it (the worker's job may outlive this Op).
        Op._running.discard(self)
        self._bridge.deleteLater()
        self._fn = None

    def _forget(self) -> None:
        # Runs on the main thread once the callback ran: the Op lets go of the widgets and
        # models it served, and the bridge of the Op (their reference cycle would otherwise
        # be broken by the collector on any thread, freeing those Qt objects there).
        self._parent = self._on_success = self._on_failure = None
        self._bridge._on_done = self._bridge._on_failed = None

    def _finish_ok(self, result: Any) -> None:
        self._release()
        try:
            if not self._owner_gone() and self._on_success is not None:
                self._on_success(result)
        finally:
            self._forget()

    def _finish_error(self, exc: BaseException) -> None:
        self._release()
        try:
            if self._owner_gone():
                return
            if self._on_failure is not None:
                self._on_failure(exc)
            else:
                from ret_desk.ui.errors import show_error

                show_error(self._parent if isinstance(self._parent, QWidget) else None, exc)
        finally:
            self._forget()
