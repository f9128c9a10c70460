"""Run one function in many processes at once, for the concurrency tests.

The processes are spawned (not forked: the test process may hold Qt and open
connections), wait at a barrier, and then all call their function in the same instant,
so that a rule checked only in Python would break. Each result (or the Dutch message of
a refused attempt) comes back to the test, which checks the invariant in the store.
"""

from __future__ import annotations

import multiprocessing as mp
import traceback
from collections.abc import Callable, Sequence
from typing import Any

PROCESSES = 8
TIMEOUT_S = 120


def _run(barrier, queue, index: int, fn: Callable[..., Any], args: tuple) -> None:  # noqa: ANN001
    try:
        barrier.wait(timeout=TIMEOUT_S)
        queue.put((index, "ok", fn(*args)))
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which decides
        queue.put((index, "error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))


def run_at_once(fn: Callable[..., Any], args: Sequence[tuple]) -> list[tuple[str, Any]]:
    """Call `fn(*args[i])` in len(args) processes released together; returns, in order,
    ("ok", result) or ("error", text) per process. `fn` must be a module-level function."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(len(args))
    queue = ctx.Queue()
    procs = [ctx.Process(target=_run, args=(barrier, queue, i, fn, a)) for i, a in enumerate(args)]
    for p in procs:
        p.start()
    results: dict[int, tuple[str, Any]] = {}
    for _ in procs:
        index, status, value = queue.get(timeout=TIMEOUT_S * 2)
        results[index] = (status, value)
    for p in procs:
        p.join(timeout=TIMEOUT_S)
    return [results[i] for i in range(len(args))]
