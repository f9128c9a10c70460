"""The chained audit log (issue 10 §3) on both stores, from the command line: an intact
log verifies; a deleted, inserted, reordered or edited event (tampered with in plain SQL,
outside RET Desk) makes `audit verify` exit 1 naming the first broken event."""

from __future__ import annotations

import hashlib
import io
import sys
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text

from ret_desk.cli.entry import main
from ret_desk.db.audit_chain import content_sql
from ret_desk.domain.enums import Role
from ret_desk.services.admin.audit_verify import verify_chain
from tests.conftest import make_actors

PW = "een-lang-wachtwoord"


@pytest.fixture
def cli(store_url, monkeypatch, capsys):
    """`ret-desk --db <store> ...` in-process on SQLite or PostgreSQL; (code, out, err)."""
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--db", store_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    assert run("db", "upgrade")[0] == 0  # as the owner does first (PostgreSQL needs it)
    assert run("user", "add", "beheer", "--role", "admin", stdin=f"{PW}\n" * 2)[0] == 0
    assert (
        run("--user", "beheer", "user", "add", "anne", "--role", "coordinator", stdin=f"{PW}\n" * 2)[0] == 0
    )
    assert run("--user", "beheer", "user", "add", "ad", "--role", "auditor", stdin=f"{PW}\n" * 2)[0] == 0
    for _ in range(3):
        run("--user", "anne", "case", "show", "X")  # a login each, and a refused read
    return run


@pytest.fixture
def raw(store_url):
    """Plain SQL on the store, as someone with the file or the owner's login would use it:
    a bare SQLAlchemy engine, without RET Desk's connection set-up."""
    engine = create_engine(store_url)
    yield engine
    engine.dispose()


def _rows(raw) -> list[tuple]:
    with raw.connect() as conn:
        return conn.execute(
            text("SELECT id, chain_seq, content_digest, chain_hash FROM audit_event ORDER BY chain_seq")
        ).all()


def _head(raw) -> tuple[int, str]:
    with raw.connect() as conn:
        return tuple(conn.execute(text("SELECT seq, chain_hash FROM audit_chain_head")).one())


def _verify(cli, user: str = "ad") -> tuple[int, str]:
    code, out, err = cli("--user", user, "audit", "verify")
    return code, out + err


def test_every_event_is_chained_and_an_intact_log_verifies(cli, raw):
    rows = _rows(raw)
    seq, value = _head(raw)
    assert [r.chain_seq for r in rows] == list(range(1, len(rows) + 1)) and seq == len(rows)
    previous = "0" * 64
    for row in rows:  # each link: SHA-256(previous chain value + this digest)
        assert row.chain_hash == hashlib.sha256((previous + row.content_digest).encode()).hexdigest()
        previous = row.chain_hash
    assert previous == value
    code, out = _verify(cli)
    # Checked: the events so far plus the verifier's own login; the check's own event follows.
    *checked, own = _rows(raw)
    assert own.chain_seq == seq + 2 and len(checked) == seq + 1
    assert code == 0
    assert (
        out.strip()
        == f"logboek intact: {seq + 1} gebeurtenissen, laatste schakel {checked[-1].chain_hash[:16]}"
    )


def test_the_admin_may_verify_others_are_refused_in_dutch(cli):
    assert _verify(cli, "beheer")[0] == 0
    code, out = _verify(cli, "anne")
    assert code == 1 and "Uw rol" in out and "Traceback" not in out


def _broken(cli) -> str:
    code, out = _verify(cli)
    assert code == 1 and "logboek NIET intact" in out, out
    return out


def test_an_edited_event_is_named(cli, raw):
    victim = _rows(raw)[4]
    with raw.begin() as conn:
        conn.execute(text("UPDATE audit_event SET detail = 'niets' WHERE id = :id"), {"id": victim.id})
    out = _broken(cli)
    assert f"gebeurtenis {victim.id} van " in out and "inhoud is gewijzigd" in out


def test_an_edit_with_a_recomputed_digest_breaks_the_link(cli, raw):
    victim = _rows(raw)[4]
    content = content_sql(raw.dialect.name)
    with raw.begin() as conn:  # someone who knows how the digest is made
        conn.execute(text("UPDATE audit_event SET detail = 'niets' WHERE id = :id"), {"id": victim.id})
        new = conn.execute(text(f"SELECT {content} FROM audit_event e WHERE id = :id"), {"id": victim.id})
        digest = hashlib.sha256(new.scalar().encode()).hexdigest()
        conn.execute(
            text("UPDATE audit_event SET content_digest = :d WHERE id = :id"), {"id": victim.id, "d": digest}
        )
    out = _broken(cli)
    assert f"gebeurtenis {victim.id} van " in out and "schakel sluit niet aan" in out


def test_a_deleted_event_is_named_by_the_one_after_it(cli, raw):
    rows = _rows(raw)
    with raw.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": rows[3].id})
    out = _broken(cli)
    assert f"gebeurtenis {rows[4].id} van " in out and f"(schakel {rows[3].chain_seq})" in out
    assert "verwijderd" in out


def test_deleting_the_last_events_leaves_a_gap_before_the_next(cli, raw):
    rows = _rows(raw)
    with raw.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE chain_seq >= :s"), {"s": rows[-2].chain_seq})
    out = _broken(cli)  # the verifier's own login is the next event: the gap lies before it
    gap = f"schakels {rows[-2].chain_seq} t/m {rows[-1].chain_seq}"
    assert f"(schakel {rows[-1].chain_seq + 1})" in out and gap in out and "verwijderd" in out


def test_deleting_the_last_events_is_seen_through_the_head(store, raw):
    auditor = make_actors(store)[Role.AUDITOR]  # logged in before the tampering
    rows = _rows(raw)
    with raw.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE chain_seq >= :s"), {"s": rows[-2].chain_seq})
    report = verify_chain(uow=store.uow(), actor=auditor)
    assert not report.intact and report.broken.event_id == rows[-3].id
    assert "laatste gebeurtenis(sen) na deze ontbreken" in report.message()


def test_reordered_events_break_the_chain(cli, raw):
    rows = _rows(raw)
    a, b = rows[2], rows[3]
    with raw.begin() as conn:  # swap two positions (through a free one: chain_seq is unique)
        conn.execute(text("UPDATE audit_event SET chain_seq = -1 WHERE id = :id"), {"id": a.id})
        conn.execute(
            text("UPDATE audit_event SET chain_seq = :s WHERE id = :id"), {"s": a.chain_seq, "id": b.id}
        )
        conn.execute(
            text("UPDATE audit_event SET chain_seq = :s WHERE id = :id"), {"s": b.chain_seq, "id": a.id}
        )
    out = _broken(cli)
    assert f"gebeurtenis {b.id} van " in out and "schakel sluit niet aan" in out


@contextmanager
def _without_chaining(conn, store_url: str):
    """Insert around the store's chaining, as its owner could; afterwards it chains again."""
    if store_url.startswith("sqlite"):
        sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'audit_event_chain'")).scalar()
        conn.execute(text("DROP TRIGGER audit_event_chain"))
        yield
        conn.execute(text(sql))
    else:
        conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_chain"))
        yield
        conn.execute(text("ALTER TABLE audit_event ENABLE TRIGGER audit_event_chain"))


_INSERT = (
    "INSERT INTO audit_event (id, at, actor_name, on_behalf_of, workstation, action, detail, "
    "chain_seq, content_digest, chain_hash) VALUES (:id, :at, 'anne', '', 'pc', 'case_view', '', "
    ":seq, :digest, :value)"
)


def test_an_event_inserted_in_the_middle_is_found(cli, raw, store_url):
    rows = _rows(raw)
    with raw.begin() as conn, _without_chaining(conn, store_url):
        at = conn.execute(text("SELECT at FROM audit_event WHERE id = :id"), {"id": rows[2].id}).scalar()
        for row in reversed(rows[3:]):  # make room at position 4
            conn.execute(
                text("UPDATE audit_event SET chain_seq = chain_seq + 1 WHERE id = :id"), {"id": row.id}
            )
        forged = hashlib.sha256(b"vervalst").hexdigest()
        value = hashlib.sha256((rows[2].chain_hash + forged).encode()).hexdigest()
        conn.execute(text(_INSERT), {"id": 9999, "at": at, "seq": 4, "digest": forged, "value": value})
        conn.execute(text("UPDATE audit_chain_head SET seq = seq + 1"))  # or the next insert collides
    out = _broken(cli)
    assert "gebeurtenis 9999 van " in out and "(schakel 4)" in out and "inhoud is gewijzigd" in out


def test_an_event_inserted_outside_the_chain_is_found(cli, raw, store_url):
    rows = _rows(raw)
    with raw.begin() as conn, _without_chaining(conn, store_url):
        at = conn.execute(text("SELECT at FROM audit_event WHERE id = :id"), {"id": rows[2].id}).scalar()
        conn.execute(text(_INSERT), {"id": 9999, "at": at, "seq": None, "digest": None, "value": None})
    out = _broken(cli)
    assert "gebeurtenis 9999 van " in out and "buiten de keten" in out


def test_a_lawful_redaction_keeps_the_chain_verifiable(cli, raw):
    victim = _rows(raw)[4]
    with raw.begin() as conn:  # what the redaction function does: content away, digest kept
        conn.execute(
            text("UPDATE audit_event SET detail = '', redacted_at = at WHERE id = :id"), {"id": victim.id}
        )
    code, out = _verify(cli)
    assert code == 0 and out.startswith("logboek intact")


def test_an_old_store_gets_its_events_chained_in_id_order_at_upgrade(tmp_path):
    import shutil
    import sqlite3
    from pathlib import Path

    from ret_desk.db.store import Store
    from ret_desk.domain.actor import Actor

    path = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).parent / "stores" / "schema_0005.sqlite", path)
    with sqlite3.connect(path) as conn:
        old = [r[0] for r in conn.execute("SELECT id FROM audit_event ORDER BY id")]
    assert old, "the shipped store should hold events"
    store = Store.open(f"sqlite:///{path}")
    try:
        with sqlite3.connect(path) as conn:
            chained = [r[0] for r in conn.execute("SELECT id FROM audit_event ORDER BY chain_seq")]
        assert chained[: len(old)] == old
        report = verify_chain(uow=store.uow(), actor=Actor(None, "ad", Role.AUDITOR, "pc"))
        assert report.intact and report.count == len(chained)
    finally:
        store.close()


def test_a_cancelled_check_stops_with_cancelled(store, actors):
    from ret_desk.domain.errors import Cancelled

    seen = []

    def cancel(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    with pytest.raises(Cancelled):
        verify_chain(uow=store.uow(), actor=actors[Role.AUDITOR], progress=cancel)
    assert seen and seen[-1][0] == seen[-1][1]  # reported as it went, then stopped


def test_the_chain_part_downgrades_and_upgrades_again_with_its_events_chained(store, actors):
    from alembic import command
    from sqlalchemy import inspect

    from ret_desk.db import migrate
    from ret_desk.domain.actor import Actor

    config = migrate._config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
        assert "chain_seq" not in {c["name"] for c in inspect(conn).get_columns("audit_event")}
        command.upgrade(config, "head")
    report = verify_chain(uow=store.uow(), actor=Actor(None, "ad", Role.AUDITOR, "pc"))
    assert report.intact and report.count > len(actors)  # the accounts' events, chained again


def test_an_insert_from_outside_ret_desk_is_chained_or_refused(cli, raw, store_url):
    insert = text(
        "INSERT INTO audit_event (at, actor_name, on_behalf_of, workstation, action, detail) "
        "VALUES (CURRENT_TIMESTAMP, 'psql', '', 'psql', 'case_view', 'direct')"
    )
    if store_url.startswith("sqlite"):  # the chain's hash lives only in RET Desk's connections
        with pytest.raises(Exception, match="ret_sha256"), raw.begin() as conn:
            conn.execute(insert)
    else:  # PostgreSQL's trigger chains it like any other event
        with raw.begin() as conn:
            conn.execute(insert)
        assert _rows(raw)[-1].chain_seq == _head(raw)[0]
    code, out = _verify(cli)
    assert code == 0 and out.startswith("logboek intact")
