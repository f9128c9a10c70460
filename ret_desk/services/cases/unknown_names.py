"""Names the store does not know, found by `deduce` (optional extra `deidentify`, LGPL-3):
only its person tags are used (not its locations or dates, which the summary keeps on
purpose). Without the package installed this gives None and the scrubber works from the
store's knowledge and its own rules alone. Figures: README `### Pseudonymisering`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import lru_cache

#: deduce's tags for persons; locations, dates, ages, institutions are left alone.
PERSON_TAGS = ("persoon", "patient")
#: Set to "0" to switch deduce off even when it is installed.
SWITCH = "RET_DESK_DEDUCE"


@lru_cache(maxsize=1)
def _model():  # noqa: ANN202
    from deduce import Deduce  # noqa: PLC0415  (optional, and slow to load)

    return Deduce()


def deduce_available() -> bool:
    if os.environ.get(SWITCH, "1") == "0":
        return False
    try:
        import deduce  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def deduce_names(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of every person deduce tags in `text`."""
    document = _model().deidentify(text)
    return [(a.start_char, a.end_char) for a in document.annotations if a.tag.startswith(PERSON_TAGS)]


def unknown_names() -> Callable[[str], Iterable[tuple[int, int]]] | None:
    """The finder for unknown names, or None when deduce is not installed (or switched off)."""
    return deduce_names if deduce_available() else None
