"""Benchmark: what the audit chain costs (issue 10 §3).

Prints audit events written per second, each in its own transaction as the services
write them, with the chain (the store's trigger) and without it (trigger switched off),
for 1 and 8 concurrent writers on PostgreSQL and 1 writer on SQLite; then how fast
`audit verify` checks the log. Asserts nothing about time; checks that the chain stayed
one line. Run: `python tests/bench/bench_audit_chain.py [--events N] [--pg URL]`; without
--pg it starts a throwaway PostgreSQL server from the machine's pg_ctl.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import text  # noqa: E402

from ret_desk.db.audit import record  # noqa: E402
from ret_desk.db.engine import make_engine  # noqa: E402
from ret_desk.db.store import Store  # noqa: E402
from ret_desk.domain.actor import Actor  # noqa: E402
from ret_desk.domain.enums import Role  # noqa: E402
from ret_desk.services.admin.audit_verify import verify_chain  # noqa: E402

ACTOR = Actor(None, "bench", Role.COORDINATOR, "bench-pc")


def _bin(name: str) -> str:
    found = shutil.which(name) or sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))[-1]
    return str(found)


@contextmanager
def throwaway_postgresql():
    """A PostgreSQL server in a temporary folder (as the `postgres` user when we are root)."""
    folder = Path(tempfile.mkdtemp(prefix="ret-bench-pg-"))
    data, port = folder / "data", _free_port()
    as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    if as_pg:
        shutil.chown(folder, "postgres")
        for parent in folder.parents:
            os.chmod(parent, os.stat(parent).st_mode | 0o001)
    run = lambda *cmd: subprocess.run([*as_pg, *cmd], check=True, capture_output=True)  # noqa: E731
    run(_bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust")
    opts = f"-p {port} -k {folder} -c listen_addresses='' -c fsync=on"
    run(_bin("pg_ctl"), "-D", str(data), "-o", opts, "-w", "start", "-l", str(folder / "log"))
    try:
        run(_bin("createdb"), "-h", str(folder), "-p", str(port), "-U", "postgres", "bench")
        yield f"postgresql+psycopg://postgres@/bench?host={folder}&port={port}"
    finally:
        run(_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write(url: str, events: int, barrier) -> None:  # noqa: ANN001
    store = Store(url, make_engine(url))
    barrier.wait()
    for _ in range(events):
        with store.uow() as uow:
            record(uow.session, ACTOR, "case_view", detail="bench")
            uow.commit()
    store.close()


def _rate(url: str, writers: int, events: int) -> float:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(writers + 1)
    procs = [ctx.Process(target=_write, args=(url, events // writers, barrier)) for _ in range(writers)]
    for p in procs:
        p.start()
    barrier.wait()
    began = time.perf_counter()
    for p in procs:
        p.join()
    return (events // writers) * writers / (time.perf_counter() - began)


@contextmanager
def _chain_switched_off(store: Store):
    with store.engine.begin() as conn:
        if store.is_sqlite:
            trigger = "SELECT sql FROM sqlite_master WHERE name = 'audit_event_chain'"
            sql = conn.execute(text(trigger)).scalar()
            conn.execute(text("DROP TRIGGER audit_event_chain"))
        else:
            conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_chain"))
    yield
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE chain_seq IS NULL"))
        if store.is_sqlite:
            conn.execute(text(sql))
        else:
            conn.execute(text("ALTER TABLE audit_event ENABLE TRIGGER audit_event_chain"))


def bench(label: str, url: str, writer_counts: tuple[int, ...], events: int) -> None:
    store = Store.open(url)
    for writers in writer_counts:
        chained = _rate(url, writers, events)
        with _chain_switched_off(store):
            plain = _rate(url, writers, events)
        cost = (plain / chained - 1) * 100 if chained else float("nan")
        print(
            f"{label:<10} {writers} writer(s): {chained:8.0f} events/s with the chain, "
            f"{plain:8.0f} without ({cost:+.0f}% time per event)"
        )
    began = time.perf_counter()
    report = verify_chain(uow=store.uow(), actor=Actor(None, "bench", Role.AUDITOR, "bench-pc"))
    took = time.perf_counter() - began
    assert report.intact, report.message()
    print(f"{label:<10} audit verify: {report.count} events in {took:.2f} s ({report.count / took:,.0f}/s)")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000, help="events per measurement")
    parser.add_argument("--pg", metavar="URL", help="an empty PostgreSQL database to use")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; {args.events} events per measurement, one transaction each")
    bench("sqlite", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite", (1,), args.events)
    if args.pg:
        bench("postgresql", args.pg, (1, 8), args.events)
    else:
        with throwaway_postgresql() as url:
            bench("postgresql", url, (1, 8), args.events)


if __name__ == "__main__":
    main()
