"""Benchmark: the Logboek at a million audit events (SQLite).

Prints figures; asserts nothing about time. Run: `make bench` or
`python tests/bench/bench_audit_log.py [--events N]`.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ret_desk.db.audit_chain import register_sqlite_functions  # noqa: E402
from ret_desk.db.store import Store  # noqa: E402
from ret_desk.domain.enums import Role  # noqa: E402
from ret_desk.services.admin.audit_query import AuditFilter, next_page, open_log  # noqa: E402
from tests.conftest import make_actors  # noqa: E402
from tests.support.admin import BSN_A, two_cases_of_one_youth  # noqa: E402

_INSERT = (
    "INSERT INTO audit_event (at, actor_account_id, actor_name, on_behalf_of, workstation, youth_id, "
    "case_id, case_number, action, detail) VALUES (?,?,?,?,?,?,?,?,?,?)"
)


def fill(path: str, n: int) -> None:
    """n fictitious events, one a minute from 2024, 40 users, five actions (raw SQL for speed)."""
    rnd, start = random.Random(1), datetime(2024, 1, 1)
    users = [f"user{i}" for i in range(40)]
    actions = ["case_view", "case_list", "login", "note_add", "case_route"]
    rows = (
        (
            (start + timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S.000000"),
            None,
            rnd.choice(users),
            "",
            "ws",
            rnd.randint(3, 50_000),
            rnd.randint(4, 60_000),
            "RET-X",
            rnd.choice(actions),
            "",
        )  # fmt: skip
        for i in range(n)
    )
    with sqlite3.connect(path) as con:
        register_sqlite_functions(con)  # the audit chain's trigger hashes every row
        con.executemany(_INSERT, rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    path = f"{tempfile.mkdtemp()}/audit.sqlite"
    store = Store.open(f"sqlite:///{path}")
    actors = make_actors(store)
    two_cases_of_one_youth(store, actors[Role.COORDINATOR])
    began = time.perf_counter()
    fill(path, args.events)
    print(f"store: sqlite; filled {args.events:,} events in {time.perf_counter() - began:.1f} s")
    auditor = actors[Role.AUDITOR]
    for label, flt in (
        ("no filter", AuditFilter()),
        ("user", AuditFilter(username="user7")),
        ("youth by BSN", AuditFilter(youth=BSN_A)),
        ("youth by name", AuditFilter(youth="veenstra")),
        ("action", AuditFilter(action="login")),
        ("period of a month", AuditFilter(date_from=date(2024, 6, 1), date_to=date(2024, 6, 30))),
        (
            "user and period",
            AuditFilter(username="user7", date_from=date(2024, 6, 1), date_to=date(2024, 6, 30)),
        ),
    ):
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            _, page = open_log(uow=store.uow(), actor=auditor, flt=flt)
            runs.append(time.perf_counter() - t)
        t = time.perf_counter()
        next_page(uow=store.uow(), actor=auditor, flt=flt, before_id=page[-1].id)
        following = time.perf_counter() - t
        opened = sorted(runs)[2] * 1000
        print(f"{label:<22} open (count + first 200) {opened:7.1f} ms   next page {following * 1000:6.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
