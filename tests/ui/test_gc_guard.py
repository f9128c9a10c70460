"""Cycle garbage is collected by the GUI thread's timer, not by whatever thread allocates."""

from __future__ import annotations

import gc
import weakref

from ret_desk.ui.gc_guard import GarbageCollector


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector can free it


def test_automatic_collection_is_off_and_the_timer_collects(qtbot, qapp):
    guard = GarbageCollector(qapp, interval_ms=20)
    try:
        assert not gc.isenabled()
        nodes = [Node() for _ in range(2000)]  # enough to pass the first threshold
        probe = weakref.ref(nodes[0])
        del nodes
        assert probe() is not None  # nothing collected it yet: automatic collection is off
        qtbot.waitUntil(lambda: probe() is None, timeout=5_000)
    finally:
        guard._timer.stop()  # the session's own guard keeps collection off
