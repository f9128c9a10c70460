"""kill -9 loses no commit, leaves no half import and no corruption (issue 11 §6).

One real SQLite store file (WAL, the app's own pragmas) lives through every cycle, so
that crash safety across cycles is tested too. Each cycle SIGKILLs a writer at a random
moment:
- a service writer (tests/reliability/kill_writers.py, forked from a forkserver that has
  RET Desk imported, so a cycle costs milliseconds): referrals and placements in a loop,
  each reported only after its commit returned;
- `ret-desk import cases groot.csv` as a real subprocess, killed at a random moment after
  it opened the store (seen in /proc/PID/fd): half of the kills anywhere in the login and
  the import, half from 0.3 s before to 0.6 s after the commit (timed by an uncut import
  watching the WAL grow), where the log is written and then checkpointed into the store.
After every cycle a fresh sqlite3 connection (which recovers the WAL) checks:
`PRAGMA integrity_check` is ok, `foreign_key_check` finds nothing, every reported commit
is present with its audit event, every case has its `case_create` event, and each import
is all or nothing (and all when the CLI said so). At the end the audit chain is intact.
The seed is printed and can be replayed with RET_DESK_KILL_SEED.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ret_desk.db.store import Store
from ret_desk.domain.enums import Role
from ret_desk.services.admin import audit_verify
from ret_desk.services.cases.import_rows import COLUMNS
from ret_desk.services.placement import location_import
from tests.conftest import PASSWORD, make_actors
from tests.db.test_import_export import GOOD, write_csv
from tests.reliability import kill_writers
from tests.support.rop import LOCATIONS, write_locations

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs POSIX signals and /proc"),
]

SERVICE_CYCLES = 50
IMPORT_CYCLES = 10
IMPORT_ROWS = 150
MAX_SERVICE_RUN_S = 0.8  # a service writer is killed 0..this long after it is ready
AGB = "21000001"
WAIT_S = 120


def _import_file(folder: Path, cycle: int) -> Path:
    rows = []
    for r in range(IMPORT_ROWS):
        tag = kill_writers.letters(cycle) + kill_writers.letters(r)
        rows.append(
            dict(GOOD, casusnummer=f"KILL{cycle:02d}-{r:04d}", bsn="", achternaam=f"Imp{tag}", route="rop")
        )
    assert set(rows[0]) == set(COLUMNS)
    return write_csv(folder / f"groot-{cycle:02d}.csv", rows)


class Ledger:
    """What the writers reported as committed, across every cycle."""

    def __init__(self) -> None:
        self.cases: set[str] = set()
        self.placements: dict[int, str] = {}
        self.imports: dict[int, bool] = {}  # cycle -> the CLI reported the import done

    def read(self, report: Path) -> None:
        if not report.exists():
            return
        for line in report.read_text().splitlines():
            kind, *rest = line.split()
            if kind == "case":
                self.cases.add(rest[0])
            elif kind == "placement":
                self.placements[int(rest[1])] = rest[0]


def _check(db: Path, ledger: Ledger, seed: int) -> dict[int, int]:
    """Every invariant of a store after a crash; returns the cases found per import cycle."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)], seed
        assert con.execute("PRAGMA foreign_key_check").fetchall() == [], seed
        numbers = {n for (n,) in con.execute("SELECT number FROM ret_case")}
        created = {
            n for (n,) in con.execute("SELECT case_number FROM audit_event WHERE action = 'case_create'")
        }
        assert ledger.cases <= numbers, (seed, sorted(ledger.cases - numbers))
        assert numbers == created, (seed, "case without case_create event or the other way round")
        placements = dict(
            con.execute(
                "SELECT p.id, c.number FROM placement p JOIN ret_case c ON c.id = p.case_id"
            ).fetchall()
        )
        starts = {
            n for (n,) in con.execute("SELECT case_number FROM audit_event WHERE action = 'placement_start'")
        }
        for pid, number in ledger.placements.items():
            assert placements.get(pid) == number, (seed, "reported placement lost", pid, number)
        assert set(placements.values()) == starts, (seed, "placement without its placement_start event")
        found = {}
        for cycle, reported in ledger.imports.items():
            count = sum(1 for n in numbers if n.startswith(f"KILL{cycle:02d}-"))
            events = con.execute(
                "SELECT count(*) FROM audit_event WHERE action = 'case_import' AND detail LIKE ?",
                (f"groot-{cycle:02d}.csv:%",),
            ).fetchone()[0]
            assert count in (0, IMPORT_ROWS), (seed, f"half import: {count} of {IMPORT_ROWS} rows")
            assert events == (1 if count else 0), (seed, "import without its event, or the other way round")
            assert count or not reported, (seed, "the CLI reported an import that is not there")
            found[cycle] = count
        return found
    finally:
        con.close()


def _open_fds_include(pid: int, target: str) -> bool:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                return True
        except OSError:
            continue
    return False


def _run_import(
    cli: list[str], csv_path: Path, db: Path, env: dict, kill_after: float | None
) -> tuple[bool, float, float]:
    """The CLI import; killed `kill_after` s after it opened the store (None: let it finish).
    Returns (it reported success, seconds from opening the store to the end, and to the
    last growth of the write-ahead log: the import's commit)."""
    proc = subprocess.Popen(
        [*cli, "--user", "coordinator", "import", "cases", str(csv_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + WAIT_S
    while proc.poll() is None and not _open_fds_include(proc.pid, str(db)):
        assert time.monotonic() < deadline, "the import never opened the store"
        time.sleep(0.005)
    opened = time.monotonic()
    commit_at, wal, size = 0.0, Path(f"{db}-wal"), 0
    if kill_after is not None:
        time.sleep(kill_after)
        proc.send_signal(signal.SIGKILL)
    while kill_after is None and proc.poll() is None:  # uncut: watch the log grow
        grown = wal.stat().st_size if wal.exists() else 0
        if grown > size:
            commit_at = time.monotonic() - opened
        size = grown
        time.sleep(0.002)
    out, err = proc.communicate(timeout=WAIT_S)
    if kill_after is None or proc.returncode != -signal.SIGKILL:
        assert proc.returncode == 0 and "Traceback" not in err, (out, err)
    return f"{IMPORT_ROWS} casussen geïmporteerd" in out, time.monotonic() - opened, commit_at


def _kill_service_writer(ctx, url: str, actors: dict, report: Path, cycle: int, delay: float) -> None:  # noqa: ANN001
    proc = ctx.Process(
        target=kill_writers.service_writer,
        args=(url, actors[Role.COORDINATOR], actors[Role.PLACEMENT_OFFICER], str(report), cycle, AGB),
    )
    proc.start()
    deadline = time.monotonic() + WAIT_S
    while not (report.exists() and report.read_text().startswith("ready")):
        assert proc.is_alive() and time.monotonic() < deadline, f"writer {cycle} did not start"
        time.sleep(0.002)
    time.sleep(delay)
    assert proc.is_alive(), f"writer {cycle} stopped by itself (exit {proc.exitcode}): an error"
    proc.kill()  # SIGKILL
    proc.join(WAIT_S)
    assert proc.exitcode == -signal.SIGKILL


@pytest.fixture
def kill_store(tmp_path: Path):
    """A migrated store file with an account per role and a location with room for every
    placement; its URL and the actors."""
    db = Path(os.path.realpath(tmp_path)) / "kill.sqlite"
    url = f"sqlite:///{db}"
    store = Store.open(url)
    actors = make_actors(store)
    row = [*LOCATIONS[0][:9], "10000", "10000", *LOCATIONS[0][11:]]
    report = location_import.import_locations(
        uow=store.uow(), actor=actors[Role.PLACEMENT_OFFICER], path=write_locations(tmp_path / "l.csv", [row])
    )
    assert report.written == 1 and not report.errors
    store.close()
    return db, url, actors


def test_kill_9_loses_no_commit_and_leaves_no_half_import(kill_store, tmp_path):
    db, url, actors = kill_store
    seed = int(os.environ.get("RET_DESK_KILL_SEED") or random.randrange(1 << 30))
    print(f"\nRET_DESK_KILL_SEED={seed}")
    rng = random.Random(seed)
    started = time.monotonic()
    ledger = Ledger()
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(kill_writers.PRELOAD)
    cli = [str(Path(sys.executable).with_name("ret-desk")), "--db", url]
    env = dict(os.environ, RET_DESK_PASSWORD=PASSWORD)

    # Two imports uncut first: they must succeed, and the second (the first login also
    # rehashes the password) times the window for the kills: login, import, commit.
    for cycle in (0, 1):
        ledger.imports[cycle], window, commit_at = _run_import(
            cli, _import_file(tmp_path, cycle), db, env, None
        )
        assert ledger.imports[cycle] and _check(db, ledger, seed)[cycle] == IMPORT_ROWS

    kinds = ["service"] * SERVICE_CYCLES + ["import"] * IMPORT_CYCLES
    rng.shuffle(kinds)
    killed_imports = 0
    for cycle, kind in enumerate(kinds, start=2):
        if kind == "service":
            report = tmp_path / f"writer-{cycle:02d}.txt"
            _kill_service_writer(ctx, url, actors, report, cycle, rng.uniform(0, MAX_SERVICE_RUN_S))
            ledger.read(report)
        else:
            # half of the kills anywhere, half close to the commit and the checkpoint after it
            around = rng.uniform(max(0.0, commit_at - 0.3), commit_at + 0.6)
            kill_after = rng.choice([rng.uniform(0, window * 1.5), around])
            done, *_ = _run_import(cli, _import_file(tmp_path, cycle), db, env, kill_after)
            ledger.imports[cycle] = done
        found = _check(db, ledger, seed)
        killed_imports += kind == "import" and found.get(cycle) == 0

    store = Store.open(url, upgrade=False)
    try:
        chain = audit_verify.verify_chain(uow=store.uow(), actor=actors[Role.ADMIN])
    finally:
        store.close()
    assert chain.intact, (seed, chain.message())
    elapsed = time.monotonic() - started
    print(
        f"{len(kinds)} kills in {elapsed:.0f} s (an import takes {window:.1f} s, its commit at "
        f"{commit_at:.1f} s): {len(ledger.cases)} referrals and "
        f"{len(ledger.placements)} placements reported committed, all present; "
        f"{killed_imports} of {IMPORT_CYCLES} imports cut off (nothing written), the rest whole"
    )
    # the kills must land in the writes, not only around them
    assert len(ledger.cases) >= SERVICE_CYCLES, seed
