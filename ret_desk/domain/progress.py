"""Progress of long work, and the one way to cancel it.

Long work (an import, a batch proposal, a PDF pack) takes a `progress(done, total)`
callback. The callback returning False means the user cancelled: `report_progress`
then raises `domain.errors.Cancelled`, and the work stops where it is.
"""

from __future__ import annotations

from collections.abc import Callable

from ret_desk.domain.errors import Cancelled

Progress = Callable[[int, int], bool]
"""Called with (done, total); returning False cancels the work."""


def report_progress(progress: Progress | None, done: int, total: int) -> None:
    """Tell `progress` how far the work is; raise Cancelled when it answers False."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled


def every(step: int, done: int, total: int) -> bool:
    """True on every `step`th item and on the last one: when to report progress."""
    return done % step == 0 or done == total
