"""Destruction and retention on a real PostgreSQL (issue 12 §3), through a direct login as
the administrator, who has no rights on children's tables: `ret_dossier_destroy` (SECURITY
DEFINER, migration 0011) does the work; afterwards no text column of any table holds the
youth's name or BSN, and the audit chain still verifies."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors as pgerrors

from ret_desk.db.store import Store
from ret_desk.domain.actor import Actor
from ret_desk.domain.enums import Role
from ret_desk.services.admin.audit_verify import verify_chain
from tests.support.pg_auth import Team, team_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.pg

NAME, FAMILY, BSN = "Sanne", "Veenstra", "999990019"  # the team's youth (tests/support/drafts.py)


def _owner(team: Team) -> psycopg.Connection:
    return psycopg.connect(team.owner_url.replace("postgresql+psycopg", "postgresql"), autocommit=True)


def _spread(team: Team) -> None:
    """The youth's name and BSN in a note, a family member, an MDA++ member, RO3 and the log."""
    with _owner(team) as c:
        case_id = c.execute("SELECT id FROM ret_case WHERE number = %s", (team.case_number,)).fetchone()[0]
        c.execute(
            "INSERT INTO note (case_id, noted_on, created_at, author_name, text, version) "
            "VALUES (%s, current_date, now(), 'x', %s, 1)",
            (case_id, f"Gesprek met {NAME} {FAMILY}, BSN {BSN}"),
        )
        c.execute(
            "INSERT INTO family_member (youth_id, name, relation, has_authority) "
            "VALUES (%s, %s, 'moeder', true)",
            (team.youth_id, f"Grietje {FAMILY}"),
        )
        c.execute(
            "INSERT INTO mda_member (case_id, name, role, victim, perpetrator, created_at) "
            "VALUES (%s, %s, 'ouder', false, false, now())",
            (case_id, f"Grietje {FAMILY}"),
        )
        c.execute(
            "INSERT INTO ro3_party (case_id, organisation, role, contact, created_at, created_by) "
            "VALUES (%s, 'School', 'school', %s, now(), 'x')",
            (case_id, f"mentor van {NAME}"),
        )
        c.execute(
            "INSERT INTO audit_event (at, actor_name, on_behalf_of, workstation, action, detail) "
            "VALUES (now() AT TIME ZONE 'UTC', 'x', '', 'ws', 'case_search', %s)",
            (f"gezocht op {FAMILY}",),
        )


def _hits(team: Team) -> list[str]:
    """Every (table.column) whose text holds the name or the BSN, over all text columns."""
    found = []
    with _owner(team) as c:
        columns = c.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb')"
        ).fetchall()
        for table, column in columns:
            for needle in (FAMILY, BSN, f"{NAME} "):
                sql = f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s'
                if c.execute(sql, (f"%{needle}%",)).fetchone()[0]:
                    found.append(f"{table}.{column}: {needle}")
    return found


def test_the_admin_destroys_through_the_definer_function_and_nothing_is_left(team: Team) -> None:
    _spread(team)
    assert _hits(team)  # the name is there before
    with team.connect(Role.ADMIN) as conn:
        # the administrator reads no child's table ...
        with pytest.raises(pgerrors.InsufficientPrivilege):
            conn.execute("SELECT family_name FROM youth")
        conn.rollback()
        # ... but finds the dossier by BSN (an id only) and destroys it
        youth_id = conn.execute("SELECT ret_dossier_youth_id(%s, NULL)", (BSN,)).fetchone()[0]
        assert youth_id == team.youth_id
        numbers, redacted = conn.execute(
            "SELECT * FROM ret_dossier_destroy(%s, %s)", (youth_id, "verzoek van de ouders")
        ).fetchone()
        conn.commit()
    assert numbers == team.case_number and redacted >= 2
    assert _hits(team) == []
    with _owner(team) as c:
        row = c.execute(
            "SELECT bsn, family_name, birth_year, birth_date, destroyed_at IS NOT NULL "
            "FROM youth WHERE id = %s",
            (team.youth_id,),
        ).fetchone()
        assert row[0] is None and row[1] == "" and row[2] == 2012 and row[3].isoformat() == "2012-01-01"
        assert row[4]
        assert (
            c.execute("SELECT count(*) FROM ret_case WHERE youth_id = %s", (team.youth_id,)).fetchone()[0]
            == 1
        )
        event = c.execute(
            "SELECT actor_name, detail FROM audit_event WHERE action = 'dossier_destroy'"
        ).fetchone()
        assert "verzoek van de ouders" in event[1]
    # the chain still verifies, the redacted events counted
    store = Store.open(team.owner_url, upgrade=False)
    try:
        report = verify_chain(uow=store.uow(), actor=Actor(None, "eigenaar", Role.ADMIN, "ws"))
        assert report.intact and report.redacted >= 2
    finally:
        store.close()
    # the log's youth filter finds nothing by the old BSN or name (auditor and admin)
    for role in (Role.AUDITOR, Role.ADMIN):
        with team.connect(role) as conn:
            for args in ((BSN, None, None), (None, None, f"%{FAMILY.lower()}%"), (None, None, "%sanne%")):
                assert conn.execute("SELECT * FROM ret_audit_youth_ids(%s, %s, %s)", args).fetchall() == []
            assert (
                conn.execute("SELECT ret_audit_youth_name(%s)", (team.youth_id,)).fetchone()[0].strip() == ""
            )
            conn.rollback()
    # a second destruction is refused in Dutch
    with team.connect(Role.ADMIN) as conn, pytest.raises(psycopg.Error, match="al vernietigd"):
        conn.execute("SELECT * FROM ret_dossier_destroy(%s, 'nogmaals')", (team.youth_id,))


def test_only_the_admin_destroys_and_the_retention_list_holds_no_name(team: Team) -> None:
    for role in (Role.COORDINATOR, Role.CHAIR, Role.AUDITOR, Role.PLACEMENT_OFFICER):
        with team.connect(role) as conn, pytest.raises(pgerrors.InsufficientPrivilege):
            conn.execute("SELECT * FROM ret_dossier_destroy(%s, 'weg ermee')", (team.youth_id,))
    for role in (Role.ADMIN, Role.COORDINATOR):
        with team.connect(role) as conn:
            cur = conn.execute("SELECT * FROM ret_retention_candidates()")
            columns = [d.name for d in cur.description]
            rows = cur.fetchall()
        assert columns == ["youth_id", "case_numbers", "legal_framework", "birth_year", "last_change"]
        assert [(r[0], r[1]) for r in rows] == [(team.youth_id, team.case_number)]
    with team.connect(Role.CHAIR) as conn, pytest.raises(pgerrors.InsufficientPrivilege):
        conn.execute("SELECT * FROM ret_retention_candidates()")
