"""What the killed writer of test_kill_safety does, in a process of its own: write through
the real services in a loop, and report each write only AFTER its commit has returned.

The report is a line appended with one `os.write` to a file opened O_APPEND: once the call
returns the line is in the kernel, so SIGKILL cannot lose it, just as a flushed print to a
pipe. A line therefore promises a commit; a commit may lack its line (killed in between).
A module of its own, so that the forkserver imports only RET Desk, not the test module.
"""

from __future__ import annotations

import itertools
import os
from datetime import date

from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.services.cases import intake
from ret_desk.services.placement import placements
from tests.support.drafts import draft

PRELOAD = ["ret_desk.db.store", "ret_desk.services.cases.intake", "ret_desk.services.placement.placements"]


def letters(n: int, width: int = 3) -> str:
    """`n` as letters (a name may be checked for digits one day): 0 -> 'aaa'."""
    out = ""
    for _ in range(width):
        n, digit = divmod(n, 26)
        out = chr(ord("a") + digit) + out
    return out


def _say(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode())


def service_writer(url: str, coordinator: Actor, staff: Actor, report: str, cycle: int, agb: str) -> None:
    """Register referrals (route ROP) and start a placement for every other one, until killed.
    Reports `ready`, then `case NUMBER` and `placement NUMBER ID`, each after its commit."""
    store = Store.open(url, upgrade=False)
    fd = os.open(report, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    _say(fd, "ready")
    for i in itertools.count():
        case = draft(
            route="rop",
            gva_present=True,
            bsn="",
            family_name=f"Kill{letters(cycle)}{letters(i)}",
            birth_date=date(2010, 1, 1),
        )
        ref = intake.register_referral(uow=store.uow(), actor=coordinator, draft=case)
        _say(fd, f"case {ref.number}")
        if i % 2 == 0:
            placement_id = placements.start_placement(
                uow=store.uow(),
                actor=staff,
                number=ref.number,
                location_agb=agb,
                type_code="pleeggezin",
                started_on=date.today(),
            )
            _say(fd, f"placement {ref.number} {placement_id}")
