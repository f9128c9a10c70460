"""Issue 11 §4: a `ret-desk export cases` killed with SIGKILL in the middle leaves its side
files behind (nothing in the process can remove them), and the next `ret-desk` command
removes them; the files the killed process left are private all the same."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.db.test_import_export import GOOD, second, write_csv
from tests.test_cli import PW

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and file modes are POSIX")
ROOT = Path(__file__).resolve().parents[1]


def _env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return dict(
        os.environ,
        RET_DESK_DB=f"sqlite:///{tmp_path / 'store.sqlite'}",
        RET_DESK_PASSWORD=PW,
        XDG_DATA_HOME=str(tmp_path / "data"),  # the side-file journal
        TMPDIR=str(tmp_path / "tmp"),  # where openpyxl would put its rows
        RET_DESK_TEST_READY=str(tmp_path / "ready"),
        PYTHONPATH=str(ROOT),
    )


def _ret_desk(
    env: dict[str, str], *args: str, stdin: str = PW + "\n" + PW + "\n"
) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "ret_desk", *args], input=stdin, capture_output=True, text=True, env=env,
        timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_killed_export_leaves_nothing_after_the_next_command(tmp_path, suffix):
    # Given a store with cases, made through the real command line
    env = _env(tmp_path)
    _ret_desk(env, "user", "add", "beheer", "--role", "admin")
    _ret_desk(env, "--user", "beheer", "user", "add", "anne", "--role", "coordinator")
    rows = [GOOD, second(), second(casusnummer="IMP-0003", achternaam="Bakker")]
    _ret_desk(env, "--user", "anne", "import", "cases", str(write_csv(tmp_path / "in.csv", rows)))
    # When an export is killed (SIGKILL) while it writes, with a permissive umask
    out = tmp_path / f"uit{suffix}"
    export = subprocess.Popen(
        [sys.executable, "-m", "tests.support.paused_export", "--user", "anne", "export", "cases", str(out)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=lambda: os.umask(0o022),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not (tmp_path / "ready").exists():
            assert export.poll() is None, export.stderr.read().decode() if export.stderr else ""
            assert time.monotonic() < deadline, "the export never reached its second row"
            time.sleep(0.05)
        export.send_signal(signal.SIGKILL)
    finally:
        export.wait(timeout=60)
        if export.stderr:
            export.stderr.close()
    assert export.returncode == -signal.SIGKILL
    # Then it left its side files, the store's WAL and SHM, and a journal entry, all private
    left = sorted(tmp_path.glob("*.deel"))
    assert out.with_name(out.name + ".deel") in left and not out.exists()
    for path in [*left, tmp_path / "store.sqlite-wal", tmp_path / "store.sqlite-shm"]:
        assert _mode(path) == 0o600, path
    journal = tmp_path / "data" / "ret-desk" / "side-files"
    assert len(list(journal.iterdir())) == len(left)
    assert not list((tmp_path / "tmp").iterdir())  # openpyxl's rows were in our side file
    # When the next command runs (any command: here one that only reads a case)
    _ret_desk(env, "--user", "anne", "case", "show", "IMP-0001", stdin="")
    # Then no side file and no journal entry is left
    assert sorted(tmp_path.glob("*.deel*")) == []
    assert list(journal.iterdir()) == []
    # and the next export works and is whole
    _ret_desk(env, "--user", "anne", "export", "cases", str(out), stdin="")
    assert out.exists() and _mode(out) == 0o600 and not list(tmp_path.glob("*.deel*"))
