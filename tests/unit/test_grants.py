"""The table → group grants of PostgreSQL (ret_desk/db/grants.py): every table is in the
map, the map is what docs/permissions.md says, and it reads as the statements it makes."""

from __future__ import annotations

from pathlib import Path

from ret_desk.db import (
    grants,
    models,  # noqa: F401  (registers every table)
)
from ret_desk.db.base import Base

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def test_every_table_of_the_store_is_in_the_map():
    # A new table is one line in grants.TABLE_GRANTS (an empty dict closes it to all groups).
    assert set(Base.metadata.tables) - set(grants.TABLE_GRANTS) == set()


def test_the_document_lists_the_map():
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- grants:begin -->")[1].split("<!-- grants:end -->")[0]
    assert [line for line in block.splitlines() if line.startswith("- ")] == grants.documented_lines()


def test_no_group_may_change_or_remove_audit_events_or_touch_accounts():
    audit = grants.TABLE_GRANTS["audit_event"]
    assert all(word in {"SELECT", "INSERT"} for p in audit.values() for word, _ in grants.parse(p))
    assert {w for w, _ in grants.parse(audit[grants.AUDITOR])} == {"SELECT", "INSERT"}
    assert grants.TABLE_GRANTS["account"] == {grants.ADMIN: "S"}
    assert "password_hash" in grants.SECRET_COLUMNS["account"]


def test_auditor_and_admin_read_no_childs_data():
    for table in ("youth", "ret_case", "note", "family_member", "placement", "agenda_item", "mda_member"):
        assert grants.AUDITOR not in grants.TABLE_GRANTS[table]
        assert grants.ADMIN not in grants.TABLE_GRANTS[table]


def test_statements_for_columns_secrets_and_returning_ids():
    columns = ["id", "username", "password_hash", "role"]
    assert grants.grant_statements("account", "r", columns) == [
        'GRANT SELECT ("id", "username", "role") ON TABLE "account" TO ret_admin'
    ]
    made = grants.grant_statements("audit_event", "r", ["id", "detail"])
    assert 'GRANT INSERT ON TABLE "audit_event" TO ret_coordinator' in made
    assert 'GRANT SELECT (id) ON TABLE "audit_event" TO ret_coordinator' in made
    assert 'GRANT UPDATE ("last_progress_on", "updated_at", "version") ON TABLE "ret_case" TO ret_chair' in (
        grants.grant_statements("ret_case", "r", ["id", "last_progress_on"])
    )
