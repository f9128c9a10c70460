"""Benchmark: matching. One request against 5,000 locations, and the batch proposal of
500 requests × 5,000 locations; on the domain (table in memory) and through the service
(a SQLite store with the locations, loading included).

Prints figures; asserts nothing about time. Run: `make bench` or
`python tests/bench/bench_matching.py [--locations N] [--requests N]`.
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ret_desk.domain.batch_matching import propose  # noqa: E402
from ret_desk.domain.enums import Role, Urgency  # noqa: E402
from ret_desk.domain.matching import RequestFacts, Weights, rank  # noqa: E402
from ret_desk.domain.placement import SecurityLevel  # noqa: E402
from ret_desk.services.admin import accounts  # noqa: E402
from ret_desk.services.context import open_store  # noqa: E402
from ret_desk.services.demo import demo_data  # noqa: E402
from ret_desk.services.placement import (
    location_import,  # noqa: E402
    match,  # noqa: E402
    placement_requests,  # noqa: E402
)
from ret_desk.services.placement.location_import import COLUMNS  # noqa: E402

PW = "bench-wachtwoord-123"
TYPES = [("pleeggezin", 3), ("netwerkpleeggezin", 2), ("pleeggezin_plus", 4), ("gezinshuis", 5),
         ("residentieel", 6), ("behandelgroep", 6), ("gesloten", 7), ("crisis", None)]  # fmt: skip
SPECIALISMS = ["trauma", "lvb", "autisme", "verslaving", "hechting", "psychiatrie", "forensisch"]


def timed(fn, repeat: int = 7) -> float:  # noqa: ANN001
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def locations_file(path: Path, count: int, rng: random.Random) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i in range(count):
            lat, lon = 52.6 + rng.random() * 0.7, 6.1 + rng.random() * 1.0
            for code, _rung in rng.sample(TYPES, rng.randint(1, 3)):
                total = rng.randint(1, 12)
                writer.writerow([
                    f"Aanbieder {i // 10}", f"{10_000_000 + i // 10}", f"Locatie {i}", f"{20_000_000 + i}",
                    "Assen", "", f"{lat:.4f}", f"{lon:.4f}", code, total, rng.randint(0, total),
                    rng.randint(0, 120), rng.choice([0, 4, 12]), rng.choice([17, 18, 23]),
                    rng.choice(["alle", "alle", "alle", "m", "v"]),
                    ", ".join(rng.sample(SPECIALISMS, rng.randint(0, 3))),
                    "gesloten" if code == "gesloten" else rng.choice(["open", "open", "besloten"]),
                    rng.choice(["ja", "nee"]), "gesloten" if code == "gesloten" else "",
                ])  # fmt: skip
    return path


def request_facts(rng: random.Random) -> RequestFacts:
    code, rung = rng.choice(TYPES[:6])
    return RequestFacts(
        type_code=code, rung=rung, age=rng.randint(0, 17), gender=rng.choice("mv"),
        specialisms=frozenset(rng.sample(SPECIALISMS, rng.randint(0, 2))), security=SecurityLevel.OPEN,
        authorisation=False, siblings=rng.choice([0, 0, 0, 1]), max_distance_km=rng.choice([None, 60.0]),
        home_lat=52.99, home_lon=6.56,
    )  # fmt: skip


def load(store) -> None:  # noqa: ANN001
    with store.uow() as uow:
        match.offer_table(uow.session)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--locations", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        accounts.create_account(uow=store.uow(), actor=None, username="beheer", password=PW, role=Role.ADMIN)
        admin = accounts.authenticate(uow=store.uow(), username="beheer", password=PW)
        accounts.create_account(
            uow=store.uow(), actor=admin, username="rop", password=PW, role=Role.PLACEMENT_OFFICER
        )
        staff = accounts.authenticate(uow=store.uow(), username="rop", password=PW)
        start = time.perf_counter()
        report = location_import.import_locations(
            uow=store.uow(), actor=staff, path=locations_file(Path(folder) / "l.csv", args.locations, rng)
        )
        imported = time.perf_counter() - start
        with store.uow() as uow:
            table, weights = match.offer_table(uow.session), Weights()
        one = request_facts(rng)
        batch = [(request_facts(rng), rng.choice(list(Urgency))) for _ in range(args.requests)]
        figures = {
            f"one request × {args.locations} locations (domain)": timed(lambda: rank(one, table, weights)),
            "load the offer table from the store": timed(
                lambda: match.offer_table(store.uow().__enter__().session)
            ),
        }
        start = time.perf_counter()
        proposals = propose(batch, table, weights)
        figures[f"batch {args.requests} × {args.locations} (domain)"] = (time.perf_counter() - start) * 1000
        # Through the service: a real case with a request, loading included
        demo_data.generate(uow=store.uow(), actor=admin, youths=1, seed=1)
        with store.uow() as uow:
            from sqlalchemy import select

            from ret_desk.db.models import Case

            number = uow.session.scalar(select(Case.number))
        placement_requests.create_request(
            uow=store.uow(), actor=staff, number=number,
            data=placement_requests.RequestInput(date.today(), Urgency.NORMAL, "pleeggezin", "Bench"),
        )  # fmt: skip
        match.match_case(uow=store.uow(), actor=staff, number=number)  # fills the table cache
        figures["match CASE through the service (cached table)"] = timed(
            lambda: match.match_case(uow=store.uow(), actor=staff, number=number)
        )
        store.close()
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}")
    print(
        f"{len(table)} offers at {args.locations} locations; import of {report.written} rows {imported:.1f} s"
    )
    for name, ms in figures.items():
        print(f"{name:<48} {ms:9.1f} ms")
    print(f"batch: {len(proposals)} of {args.requests} requests got a proposal")


if __name__ == "__main__":
    main()
