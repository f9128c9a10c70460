"""Benchmark: the case list at a region's whole history (100,000 cases).

Prints figures; asserts nothing about time. Run: `make bench` or
`python tests/bench/bench_case_list.py [--cases N] [--db URL]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ret_desk.domain.enums import Role, Route  # noqa: E402
from ret_desk.domain.signals import SignalCode  # noqa: E402
from ret_desk.services.admin import accounts  # noqa: E402
from ret_desk.services.cases.case_queries import CaseFilter, SortKey, count_cases, list_cases  # noqa: E402
from ret_desk.services.context import Workspace, open_store  # noqa: E402
from ret_desk.services.demo import demo_data  # noqa: E402

PW = "bench-wachtwoord-123"


def timed(fn, repeat: int = 5) -> float:
    """Median milliseconds of `repeat` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite'}"
    store = open_store(url)
    accounts.create_account(uow=store.uow(), actor=None, username="beheer", password=PW, role=Role.ADMIN)
    admin = accounts.authenticate(uow=store.uow(), username="beheer", password=PW)
    accounts.create_account(uow=store.uow(), actor=admin, username="co", password=PW, role=Role.COORDINATOR)
    actor = accounts.authenticate(uow=store.uow(), username="co", password=PW)

    start = time.perf_counter()
    demo_data.generate(uow=store.uow(), actor=admin, youths=args.cases, seed=1)
    fill = time.perf_counter() - start
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"store: {store.engine.dialect.name}; filled {args.cases:,} cases in {fill:.1f} s")

    def page(flt=CaseFilter(), sort=SortKey.REFERRAL_DATE, offset=0, after=None):  # noqa: B008
        return lambda: list_cases(
            uow=store.uow(), actor=actor, flt=flt, sort=sort, offset=offset, limit=200, after=after
        )

    def key_at(position: int, sort: SortKey) -> tuple:
        """The key of the row at `position`: where the app's list stands after scrolling so far."""
        return list_cases(
            uow=store.uow(), actor=actor, flt=CaseFilter(), sort=sort, offset=position, limit=1
        )[0].key

    figures = {
        "count, no filter": lambda: count_cases(uow=store.uow(), actor=actor, flt=CaseFilter()),
        "first page (200), newest first": page(),
        "first page sorted by name": page(sort=SortKey.NAME),
        "page at offset 50,000": page(offset=50_000),
        "page after key at 50,000": page(after=key_at(50_000, SortKey.REFERRAL_DATE)),
        "page after key at 50,000, by name": page(sort=SortKey.NAME, after=key_at(50_000, SortKey.NAME)),
        "filter route ROP": page(CaseFilter(route=Route.ROP)),
        "filter signal REFERRAL_OVERDUE": page(CaseFilter(signal=SignalCode.REFERRAL_OVERDUE)),
        "count signal GVA_MISSING": lambda: count_cases(
            uow=store.uow(), actor=actor, flt=CaseFilter(signal=SignalCode.GVA_MISSING)
        ),
        "search by name 'jansen'": page(CaseFilter(search="jansen")),
        "search by BSN": page(CaseFilter(search=next(demo_data.demo_bsns()))),
    }
    for name, fn in figures.items():
        print(f"{name:<34} {timed(fn):8.1f} ms (median of 5)")

    from PySide6.QtWidgets import QApplication

    from ret_desk.ui.cases.list_model import CaseListModel

    app = QApplication.instance() or QApplication([])
    model = CaseListModel(Workspace(store, actor))
    start = time.perf_counter()
    model.reload()
    while model.rowCount() == 0:
        app.processEvents()
    print(f"{'Qt model: reload to first rows':<34} {(time.perf_counter() - start) * 1000:8.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
