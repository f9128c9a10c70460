"""A write the store refuses reaches the user as a Dutch RuleViolation, never a raw
IntegrityError: through the unit of work, on a real SQLite file."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ret_desk.db import constraint_messages
from ret_desk.db.store import Store
from ret_desk.domain.errors import RuleViolation


def test_a_known_rule_is_named_and_an_unknown_one_gets_the_general_message(tmp_path, monkeypatch) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 's.sqlite'}")
    with store.uow() as uow:
        uow.session.execute(text("CREATE TABLE t (a INTEGER, b INTEGER CONSTRAINT ck_t_b CHECK (b > 0))"))
        uow.session.execute(text("CREATE UNIQUE INDEX uq_t_a ON t (a)"))
        uow.session.execute(text("INSERT INTO t VALUES (1, 1)"))
        uow.commit()
    monkeypatch.setitem(constraint_messages.MESSAGES, "uq_t_a", "Er is al een rij met deze a.")
    monkeypatch.setitem(constraint_messages.SQLITE_UNIQUE_COLUMNS, "t.a", "uq_t_a")
    with pytest.raises(RuleViolation, match="Er is al een rij met deze a."), store.uow() as uow:
        uow.session.execute(text("INSERT INTO t VALUES (1, 2)"))
        uow.commit()
    with pytest.raises(RuleViolation, match="regel van de opslag"), store.uow() as uow:
        uow.session.execute(text("INSERT INTO t VALUES (2, -1)"))
        uow.flush()
    with store.uow() as uow:
        assert uow.session.execute(text("SELECT count(*) FROM t")).scalar() == 1
    store.close()
