"""Garbage collection on the GUI thread only (after pyqtgraph's and Anki's GarbageCollector).

Python's cycle collector runs in whichever thread happens to allocate. If it runs in a
background worker (an Op) and the garbage holds a Qt object, Qt deletes that object from
the wrong thread, and the process can abort. So automatic collection is switched off and
this timer collects on the GUI thread instead, generation by generation as thresholds fill.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds (cheap when idle)."""
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0]:
            return
        generation = 0
        if counts[1] > self._thresholds[1]:
            generation = 1
        if counts[2] > self._thresholds[2]:
            generation = 2
        gc.collect(generation)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
