"""Issue 11 §4 in the app: a start removes the side file (`*.deel`) that a killed writer
left, before the store opens."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ret_desk.ui.app import Startup
from ret_desk.ui.login import FirstAdminDialog

WAIT = 30_000
ROOT = Path(__file__).resolve().parents[2]
WRITER = """
import sys, time
from pathlib import Path
from ret_desk.db.private_files import side_file
with side_file(Path(sys.argv[1])) as partial:
    partial.write_text("half")
    Path(sys.argv[2]).touch()
    time.sleep(300)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_the_app_removes_what_a_killed_writer_left(qtbot, tmp_path, monkeypatch):
    # Given a writer killed while it wrote uit.pdf (its side file and journal entry stay)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    ready = tmp_path / "klaar"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path / "uit.pdf"), str(ready)],
        env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert writer.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert (tmp_path / "uit.pdf.deel").exists()
    # When the app starts
    startup = Startup(f"sqlite:///{tmp_path / 'nieuw.sqlite'}", demo=False)
    startup.begin()
    qtbot.waitUntil(lambda: isinstance(startup.dialog, FirstAdminDialog), timeout=WAIT)
    # Then the side file is gone, and nothing else of the writer is left
    assert not (tmp_path / "uit.pdf.deel").exists() and not (tmp_path / "uit.pdf").exists()
    assert list((tmp_path / "data" / "ret-desk" / "side-files").iterdir()) == []
    startup.dialog.close()
    startup.dispose()
