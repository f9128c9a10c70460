"""The front ends' part in keeping files private (issue 11 §4; the work is done by
db/private_files.py): at every start of the app or a command, remove the side files
(`*.deel`) that a killed export, save or backup left; and before Qt prints to a PDF file
itself (the print dialog's "print to file"), make that file private."""

from __future__ import annotations

import contextlib
from pathlib import Path

from ret_desk.db.private_files import create_private, make_private, remove_leftovers

__all__ = ["private_output_file", "remove_leftovers_at_start"]


def remove_leftovers_at_start() -> int:
    """Remove the side files whose writer is gone; how many files were removed."""
    return len(remove_leftovers())


def private_output_file(path: Path) -> None:
    """Create `path` mode 0600, or make an existing file there private, before another
    program writes it (opening a file for writing keeps its mode)."""
    with contextlib.suppress(FileExistsError):
        create_private(path)
        return
    make_private(path)
