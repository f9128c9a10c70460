"""A store of release 0006 whose agenda breaks the rules of migration 0007 (issue 10 §1):
two items on one position, two items starting at one time. Its administrator upgrades it
through the real command line; the repairs are the documented ones, each audited, and the
store then holds the rules. A store with a case twice on one sitting is refused with the
list and a way out, and left as it was.

The shipped store and the script that built it: tests/db/stores/."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from ret_desk.cli import main
from ret_desk.db import migrate
from ret_desk.db.engine import make_engine
from ret_desk.domain.errors import StoreError
from tests.conftest import _pg_url

SHIPPED = Path(__file__).parent / "stores" / "schema_0006_agenda_conflicts.sqlite"
PW = "oud-wachtwoord-0006"  # every account of the shipped store (fictitious)


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


AGENDA = "SELECT id, session_id, position, slot_start FROM agenda_item ORDER BY id"


def test_an_old_agenda_is_repaired_as_documented_audited_and_then_kept(tmp_path, monkeypatch, capsys, caplog):
    # Given a copy of the shipped store, whose sittings share positions and start times
    path = tmp_path / "ret.sqlite"
    path.write_bytes(SHIPPED.read_bytes())
    assert rows(path, AGENDA) == [
        (1, 1, 1, "09:30"), (2, 1, 1, "10:00"), (3, 1, 3, "10:00"), (4, 1, 4, "11:00"),
        (5, 2, 1, "14:00"), (6, 2, 1, "14:00"),
    ]  # fmt: skip
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)

    def run(*args: str, user: str) -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        capsys.readouterr()
        code = main(["--db", f"sqlite:///{path}", "--user", user, *args])
        out = capsys.readouterr()
        return code, out.out + out.err

    # When its administrator upgrades it
    code, out = run("db", "upgrade", user="beheer")
    assert code == 0, out
    # Then what breaks the rules is listed first (on standard error outside the tests)
    assert (
        "Agenda's die de nieuwe regels breken: zitting 1: 2 agendapunten op plaats 1; zitting 2: 2 "
        "agendapunten op plaats 1; zitting 1: 2 agendapunten om 10:00; zitting 2: 2 agendapunten om 14:00."
    ) in caplog.text

    # And each sitting's items have positions 1..n in their old order, and of two items
    # starting at one time the first keeps it and the other is to be planned again
    assert rows(path, AGENDA) == [
        (1, 1, 1, "09:30"), (2, 1, 2, "10:00"), (3, 1, 3, ""), (4, 1, 4, "11:00"),
        (5, 2, 1, "14:00"), (6, 2, 2, ""),
    ]  # fmt: skip
    # And each repair left an audit event naming the case and the old value
    events = rows(
        path,
        "SELECT case_number, actor_name, detail FROM audit_event WHERE action = 'agenda_repair' ORDER BY id",
    )
    assert [(n, a) for n, a, _ in events] == [
        ("RET-2026-00002", "opslag-bijwerken"), ("RET-2026-00044", "opslag-bijwerken"),
        ("RET-2026-00042", "opslag-bijwerken"), ("RET-2026-00044", "opslag-bijwerken"),
    ]  # fmt: skip
    assert "zitting 1: plaats 1 gedeeld met een ander agendapunt, nu plaats 2" in events[0][2]
    assert "zitting 1: begintijd 10:00 gedeeld met een ander agendapunt, tijd gewist" in events[2][2]
    code, out = run("audit", "show", "--case", "RET-2026-00042", user="beheer")
    assert code == 0 and "agenda_repair" in out and "tijd gewist: plan opnieuw" in out, out

    # And from now on the store holds the rules: a taken start time is refused in Dutch ...
    agenda = ("session", "agenda", "1", "add", "RET-2026-00044", "--question", "Wat past?")
    code, out = run(*agenda, "--start", "9:30", user="ineke")
    assert code == 1 and "Op deze zitting begint al een agendapunt op dit tijdstip" in out, out
    assert rows(path, "SELECT count(*) FROM agenda_item")[0][0] == 6
    # ... a free one is taken, at the next position ...
    assert run(*agenda, "--start", "12:00", user="ineke")[0] == 0
    assert rows(path, "SELECT position, slot_start FROM agenda_item WHERE id = 7") == [(5, "12:00")]
    # ... and the next case number passes the highest one stored, the imported 00042's too
    assert rows(path, "SELECT series, last_number FROM case_number_counter") == [("RET-2026", 44)]


@pytest.mark.pg
def test_a_case_twice_on_one_sitting_is_refused_with_the_list_and_a_way_out(request):
    # Given a PostgreSQL store at 0006 whose rule "one item per case per sitting" was
    # removed by hand, and a case twice on a sitting
    url = _pg_url(request)
    engine = make_engine(url)
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    with engine.begin() as conn:
        for sql in (
            "ALTER TABLE agenda_item DROP CONSTRAINT uq_agenda_item_session_id",
            "INSERT INTO region (id, code, name) VALUES (1, 'drenthe', 'Drenthe')",
            "INSERT INTO municipality (id, region_id, cbs_code, name, latitude, longitude) "
            "VALUES (1, 1, 'GM0106', 'Assen', 53.0, 6.5)",
            "INSERT INTO youth (id, family_name, given_name, birth_date, gender, municipality_id, no_school, "
            "legal_framework, version) VALUES (1, 'Bakker', 'Noor', '2011-03-01', 'v', 1, false, 'geen', 1)",
            "INSERT INTO ret_case (id, number, youth_id, referral_date, referrer_type, "
            "referrer_organisation, referrer_contact, help_question, gva_trigger_mask, gva_present, "
            "target_group_mask, family_participation, case_manager, status, urgency, last_progress_on, "
            "future_plan, created_at, updated_at, version) "
            "VALUES (1, 'RET-2026-00007', 1, '2026-11-02', 'toegang', 'Toegang', '', 'Hulp', 0, false, "
            + "0, 'ja', '', 'aangemeld', 'normaal', '2026-11-02', false, now(), now(), 1)",
            "INSERT INTO table_session (id, held_on, start_time, place, video_link, chair, minute_taker, "
            "status, created_at, version) VALUES (1, '2027-01-11', '09:30', '', '', 'Ineke Bos', '', "
            "'gepland', now(), 1)",
        ):
            conn.execute(text(sql))
        for item, position in ((1, 1), (2, 2)):
            conn.execute(
                text(
                    "INSERT INTO agenda_item (id, session_id, case_id, position, slot_start, slot_minutes, "
                    "question, presenter, youth_attends, parents_attend, considerations, advice_text, "
                    "follow_up_outcome, version) VALUES (:i, 1, 1, :p, '', 30, 'Vraag', '', false, false, "
                    "'', '', '', 1)"
                ),
                {"i": item, "p": position},
            )

    # When it is upgraded, it is refused with the list and a way to fix it
    with pytest.raises(StoreError) as refused:
        migrate.upgrade(engine)
    message = str(refused.value)
    assert "een casus mag maar één keer op een zitting staan" in message
    assert "zitting 1: casus RET-2026-00007 staat er 2 keer op (agendapunten 1, 2)" in message
    assert "DELETE FROM agenda_item WHERE id = N" in message and "Er is niets gewijzigd" in message
    # And nothing changed: still 0006, no counters, both items there
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0006"
        assert conn.execute(text("SELECT to_regclass('case_number_counter')")).scalar_one() is None
        assert conn.execute(text("SELECT count(*) FROM agenda_item")).scalar_one() == 2
    engine.dispose()


def test_the_numbers_and_agenda_part_downgrades_and_upgrades_again(tmp_path):
    path = tmp_path / "ret.sqlite"
    path.write_bytes(SHIPPED.read_bytes())
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    tables = (
        "SELECT name FROM sqlite_master WHERE name IN ('case_number_counter', 'uq_agenda_item_position', "
    )
    assert rows(path, tables + "'uq_agenda_item_slot')") == []
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert len(rows(path, tables + "'uq_agenda_item_slot')")) == 3
    assert rows(path, "SELECT series, last_number FROM case_number_counter") == [("RET-2026", 44)]
    engine.dispose()
