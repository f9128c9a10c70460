"""The audit chain stays one line when 8 processes write at once (issue 10 §3), on a real
PostgreSQL: positions 1..N without a gap or a double, every link right, and `audit
verify` says intact. Ids come from a sequence and are not commit order; the chain is."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ret_desk.db.audit import record
from ret_desk.db.engine import make_engine
from ret_desk.db.models import AuditEvent
from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Role
from ret_desk.services.admin.audit_verify import verify_chain
from tests.reliability.harness import PROCESSES, run_at_once

EACH = 15


def write_events(url: str, index: int) -> int:
    store = Store(url, make_engine(url))
    actor = Actor(None, f"schrijver{index}", Role.COORDINATOR, f"pc{index}")
    try:
        for n in range(EACH):
            with store.uow() as uow:
                record(uow.session, actor, "case_view", detail=f"{index}/{n}")
                uow.commit()
    finally:
        store.close()
    return EACH


@pytest.mark.pg
def test_eight_writers_at_once_make_one_chain(request):
    from tests.conftest import _pg_url

    url = _pg_url(request)
    store = Store.open(url)
    try:
        with store.uow() as uow:  # a new store already logs its own making (store_upgrade)
            before = len(list(uow.session.scalars(select(AuditEvent.id))))
        results = run_at_once(write_events, [(url, i) for i in range(PROCESSES)])
        assert all(status == "ok" for status, _ in results), results
        with store.uow() as uow:
            seqs = list(uow.session.scalars(select(AuditEvent.chain_seq).order_by(AuditEvent.chain_seq)))
        assert seqs == list(range(1, before + PROCESSES * EACH + 1))
        report = verify_chain(uow=store.uow(), actor=Actor(None, "ad", Role.AUDITOR, "pc"))
        assert report.intact and report.count == before + PROCESSES * EACH, report.message()
    finally:
        store.close()
