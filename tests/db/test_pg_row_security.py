"""Need-to-know held by the PostgreSQL server (issue 12 §2, migration 0010): through a
direct connection with each person's own login (as psql would), each role reads exactly
the rows its work needs, cannot write outside them, and an emergency access opens one case
to its own author only."""

# ruff: noqa: E501  (the SQL of the direct sessions reads best unbroken)

from __future__ import annotations

from datetime import date

import psycopg
import pytest
from psycopg import errors as pgerrors

from ret_desk.domain.enums import Role
from tests.support.pg_auth import Team, team_fixture  # noqa: F401  (the fixture)

pytestmark = pytest.mark.pg


def _owner(team: Team) -> psycopg.Connection:
    return psycopg.connect(team.owner_url.replace("postgresql+psycopg", "postgresql"), autocommit=True)


def _world(team: Team) -> dict[str, int]:
    """The team's case on the chair's agenda; a second youth's case on a placement route with
    a note; a third case on nobody's rows. Returns the case ids by name."""
    with _owner(team) as c:
        agenda = c.execute("SELECT id FROM ret_case WHERE number = %s", (team.case_number,)).fetchone()[0]
        chair_id = c.execute(
            "SELECT id FROM account WHERE username = %s", (team.names[Role.CHAIR],)
        ).fetchone()[0]
        sitting = c.execute(
            "INSERT INTO table_session (held_on, start_time, place, video_link, chair, minute_taker, status, "
            "created_at, version, chair_account_id) VALUES (%s, '10:00', '', '', 'V', '', 'gepland', now(), 1, %s) "
            "RETURNING id",
            (date.today(), chair_id),
        ).fetchone()[0]
        c.execute(
            "INSERT INTO agenda_item (session_id, case_id, position, slot_start, slot_minutes, question, presenter,"
            " youth_attends, parents_attend, considerations, advice_text, follow_up_outcome, version) "
            "VALUES (%s, %s, 1, '', 30, 'V', '', false, false, '', '', '', 1)",
            (sitting, agenda),
        )
        ids = {"agenda": agenda}
        placing = c.execute(
            "SELECT key FROM route WHERE kind = 'placement' ORDER BY position LIMIT 1"
        ).fetchone()[0]
        for name, route in (("placement", placing), ("nobody", None)):
            youth = c.execute(
                "INSERT INTO youth (family_name, given_name, birth_date, gender, municipality_id, address, postcode,"
                " residence, no_school, legal_framework, version) SELECT %s, 'Kind', '2012-01-01', 'v', id, '', '', "
                "'', false, 'geen', 1 FROM municipality LIMIT 1 RETURNING id",
                (name,),
            ).fetchone()[0]
            ids[name] = c.execute(
                "INSERT INTO ret_case (number, youth_id, referral_date, referrer_type, referrer_organisation,"
                " referrer_contact, help_question, gva_trigger_mask, gva_present, target_group_mask,"
                " family_participation, case_manager, status, current_route, urgency, last_progress_on,"
                " future_plan, future_plan_text, gva_override_reason, gva_override_by, created_at, updated_at,"
                " version) VALUES (%s, %s, current_date, 'toegang', 'x', '', 'v', 0, false, 0, 'onbekend', '',"
                " 'lopend', %s, 'normaal', current_date, false, '', '', '', now(), now(), 1) RETURNING id",
                (f"RLS-{name}", youth, route),
            ).fetchone()[0]
            c.execute(
                "INSERT INTO note (case_id, noted_on, created_at, author_name, text, version) "
                "VALUES (%s, current_date, now(), 'x', 'aantekening', 1)",
                (ids[name],),
            )
        return ids


def _case_ids(conn: psycopg.Connection) -> set[int]:
    return {r[0] for r in conn.execute("SELECT id FROM ret_case").fetchall()}


def test_each_login_reads_its_own_rows(team: Team) -> None:
    ids = _world(team)
    with team.connect(Role.COORDINATOR) as conn:
        assert _case_ids(conn) == set(ids.values())
        assert conn.execute("SELECT count(*) FROM youth").fetchone()[0] == 3
    with team.connect(Role.CHAIR) as conn:
        assert _case_ids(conn) == {ids["agenda"]}
        assert conn.execute("SELECT count(*) FROM youth").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM note").fetchone()[0] == 0  # the agenda case has none
    with team.connect(Role.PLACEMENT_OFFICER) as conn:
        assert _case_ids(conn) == {ids["placement"]}
        assert [r[0] for r in conn.execute("SELECT case_id FROM note").fetchall()] == [ids["placement"]]
        assert conn.execute("SELECT family_name FROM youth").fetchall() == [("placement",)]
    for role in (Role.AUDITOR, Role.ADMIN):
        with team.connect(role) as conn, pytest.raises(pgerrors.InsufficientPrivilege):
            conn.execute("SELECT id FROM ret_case")


def test_no_write_outside_the_rows(team: Team) -> None:
    ids = _world(team)
    with team.connect(Role.PLACEMENT_OFFICER) as conn, pytest.raises(pgerrors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO note (case_id, noted_on, created_at, author_name, text, version) "
            "VALUES (%s, current_date, now(), 'x', 'stiekem', 1)",
            (ids["nobody"],),
        )
    with team.connect(Role.CHAIR) as conn:
        updated = conn.execute(
            "UPDATE ret_case SET last_progress_on = current_date WHERE id = %s", (ids["nobody"],)
        ).rowcount
        assert updated == 0  # the row is not there for the chair


def test_emergency_access_opens_one_case_to_its_author_only(team: Team) -> None:
    ids = _world(team)
    with team.connect(Role.CHAIR) as conn:
        me = conn.execute("SELECT ret_my_account_id()").fetchone()[0]
        with pytest.raises(pgerrors.InsufficientPrivilege):  # a reason of fewer than 10 characters
            conn.execute(
                "INSERT INTO emergency_access (account_id, case_id, reason, granted_at, expires_at, version) "
                "VALUES (%s, %s, 'kort', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' + interval '1 hour', 1)",
                (me, ids["nobody"]),
            )
    with team.connect(Role.CHAIR) as conn, pytest.raises(pgerrors.InsufficientPrivilege):  # for 24 hours
        conn.execute(
            "INSERT INTO emergency_access (account_id, case_id, reason, granted_at, expires_at, version) "
            "VALUES (%s, %s, 'een goede reden', now() AT TIME ZONE 'UTC', "
            "now() AT TIME ZONE 'UTC' + interval '24 hours', 1)",
            (me, ids["nobody"]),
        )
    with team.connect(Role.CHAIR) as conn:
        conn.execute(
            "INSERT INTO emergency_access (account_id, case_id, reason, granted_at, expires_at, version) "
            "VALUES (%s, %s, 'een goede reden', now() AT TIME ZONE 'UTC', "
            "now() AT TIME ZONE 'UTC' + interval '8 hours', 1)",
            (me, ids["nobody"]),
        )
        conn.commit()
        assert _case_ids(conn) == {ids["agenda"], ids["nobody"]}
    with team.connect(Role.PLACEMENT_OFFICER) as conn:
        assert conn.execute("SELECT count(*) FROM emergency_access").fetchone()[0] == 0  # not theirs
        assert ids["nobody"] not in _case_ids(conn)
        with pytest.raises(pgerrors.InsufficientPrivilege):  # in someone else's name
            conn.execute(
                "INSERT INTO emergency_access (account_id, case_id, reason, granted_at, expires_at, version) "
                "VALUES (%s, %s, 'een goede reden', now() AT TIME ZONE 'UTC', "
                "now() AT TIME ZONE 'UTC' + interval '1 hour', 1)",
                (me, ids["nobody"]),
            )


def test_the_chair_sees_the_case_until_ninety_days_after_the_advice(team: Team) -> None:
    ids = _world(team)
    with _owner(team) as c:  # off the Experttafel's route (no longer a candidate), advised 91 days ago
        c.execute("UPDATE ret_case SET current_route = NULL WHERE id = %s", (ids["agenda"],))
        c.execute("UPDATE agenda_item SET advice_recorded_at = now() AT TIME ZONE 'UTC' - interval '91 days'")
    with team.connect(Role.CHAIR) as conn:
        assert ids["agenda"] not in _case_ids(conn)
    with _owner(team) as c:
        c.execute("INSERT INTO region_setting (key, value) VALUES ('chair_access_days', 120)")
    with team.connect(Role.CHAIR) as conn:
        assert ids["agenda"] in _case_ids(conn)
