"""Inspection on a real PostgreSQL (issue 12 §3): a coordinator may not read the audit log,
so the dossier export's access list comes from `ret_dossier_access_log` (migration 0012,
SECURITY DEFINER): it returns this youth's events only, without their free detail, and no
other role may call it. The export itself runs through the CLI as the coordinator's login."""

from __future__ import annotations

import io
import sys

import psycopg
import pytest
from psycopg import errors as pgerrors
from pypdf import PdfReader

from ret_desk.cli import main
from ret_desk.domain.enums import Role
from tests.support.pg_auth import PW, Team, team_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.pg


def _owner(team: Team) -> psycopg.Connection:
    return psycopg.connect(team.owner_url.replace("postgresql+psycopg", "postgresql"), autocommit=True)


def _events(team: Team) -> None:
    """One event on this youth (with a detail naming a search), one on another youth."""
    with _owner(team) as c:
        for youth_id, detail in (
            (team.youth_id, "gezocht op 'Veenstra'"),
            (team.youth_id + 1000, "ander kind"),
        ):
            c.execute(
                "INSERT INTO audit_event (at, actor_name, on_behalf_of, workstation, youth_id, action, "
                "detail) "
                "VALUES (now() AT TIME ZONE 'UTC', 'collega', 'dienst', 'ws-7', %s, 'case_view', %s)",
                (youth_id, detail),
            )


def test_the_access_log_is_this_youths_and_the_coordinators_only(team: Team) -> None:
    _events(team)
    with team.connect(Role.COORDINATOR) as conn, pytest.raises(pgerrors.InsufficientPrivilege):
        conn.execute("SELECT detail FROM audit_event")
    with team.connect(Role.COORDINATOR) as conn:
        rows = conn.execute("SELECT * FROM ret_dossier_access_log(%s::bigint)", (team.youth_id,)).fetchall()
        columns = [
            d.name for d in conn.execute("SELECT * FROM ret_dossier_access_log(0::bigint)").description
        ]
    assert columns == ["at", "actor_name", "on_behalf_of", "workstation", "action", "case_number"]
    assert ("collega", "dienst", "ws-7", "case_view") in [r[1:5] for r in rows]
    assert all("ander kind" not in str(r) and "Veenstra" not in str(r) for r in rows)
    # the intake's event is on the case: it is there too
    assert any(r[5] == team.case_number for r in rows)
    for role in (Role.CHAIR, Role.PLACEMENT_OFFICER, Role.AUDITOR, Role.ADMIN):
        with team.connect(role) as conn, pytest.raises(pgerrors.InsufficientPrivilege):
            conn.execute("SELECT * FROM ret_dossier_access_log(%s::bigint)", (team.youth_id,))


def test_the_coordinator_exports_the_dossier_over_the_team_store(
    team: Team, tmp_path, monkeypatch, capsys
) -> None:
    _events(team)
    monkeypatch.setenv("RET_DESK_PASSWORD", PW)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    out = tmp_path / "inzage.pdf"
    args = ["--db", team.team_url, "--user", team.names[Role.COORDINATOR]]
    code = main([*args, "dossier", "export", team.case_number, "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Dossier van Sanne Veenstra" in text
    assert "collega namens dienst" in text and "ws-7" in text
    assert "ander kind" not in text
