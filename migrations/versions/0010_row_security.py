"""Row-level security on PostgreSQL: the need-to-know rule held by the server (issue 12 §2)

The rule (ret_desk/domain/need_to_know.py, docs/permissions.md "Welke casussen") as policies,
so that a direct psql session as a person reads and writes no row outside that person's
work, as the app does (services/access/rows.py):
- `ret_coordinator`: every row (a policy `USING (true)`: its lists cost nothing extra);
- `ret_chair`, `ret_placement`: the rows of the cases `ret_case_visible(case id)` allows;
  children's rows that hang on a youth, a request or an agenda item follow those;
- `emergency_access`: a person reads and adds only their own rows, for at most 8 hours, with
  a reason.

The helper functions are STABLE SECURITY DEFINER, owned by the owner, with a fixed
search_path: they read the tables as the owner, so the policies never recurse. The owner is
not bound by the policies (no FORCE): the owner's commands (db upgrade, demo data) and the
SECURITY DEFINER functions of 0007, 0011 and 0012 see every row. SQLite needs nothing: the
app is the only reader there.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 23:20:00.000000
"""
from __future__ import annotations

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

_READERS = "ret_chair, ret_placement"

# table -> the expression that says whether a row is the reader's
_FOLLOW = {
    "ret_case": "ret_case_visible(id)",
    "youth": "ret_youth_visible(id)",
    "family_member": "ret_youth_visible(youth_id)",
    "route_assignment": "ret_case_visible(case_id)",
    "status_change": "ret_case_visible(case_id)",
    "note": "ret_case_visible(case_id)",
    "case_change": "ret_case_visible(case_id)",
    "agenda_item": "ret_case_visible(case_id)",
    "action_item": "ret_agenda_item_visible(agenda_item_id)",
    "placement_request": "ret_case_visible(case_id)",
    "match_decision": "ret_request_visible(request_id)",
    "placement": "ret_case_visible(case_id)",
    "mda_member": "ret_case_visible(case_id)",
    "mda_phase": "ret_case_visible(case_id)",
    "mda_safety_plan": "ret_case_visible(case_id)",
    "mda_risk_assessment": "ret_case_visible(case_id)",
    "mda_conference": "ret_case_visible(case_id)",
    "ro3_party": "ret_case_visible(case_id)",
    "ro3_agreement": "ret_case_visible(case_id)",
    "ro3_review": "ret_case_visible(case_id)",
    "rst_deployment": "ret_case_visible(case_id)",
}

# A chair puts a candidate (a case on an advice-table route) on an agenda before it is theirs:
# the chair may read the candidate's case row (number, route, dates; not the youth) and add it.
# An item on a sitting the chair chairs or attends is theirs from its insert on (INSERT ...
# RETURNING needs the new row readable before the agenda makes its case visible).
_READ_TOO = {"ret_case": "ret_case_is_candidate(id)", "agenda_item": "ret_my_sitting(session_id)"}
_INSERT_TOO = {"agenda_item": "ret_case_is_candidate(case_id)"}

_FUNCTIONS = {
    "ret_my_account_id()": "ret_coordinator, ret_chair, ret_placement",
    "ret_case_visible(bigint)": _READERS,
    "ret_case_is_candidate(bigint)": _READERS,
    "ret_youth_visible(bigint)": _READERS,
    "ret_request_visible(bigint)": _READERS,
    "ret_agenda_item_visible(bigint)": _READERS,
    "ret_my_sitting(bigint)": _READERS,
}

_BODIES = [
    """
CREATE OR REPLACE FUNCTION ret_my_account_id() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
    SELECT a.id FROM account a WHERE ret_login_role(a.username) = session_user
$$""",
    # The rule itself; the same as services/access/rows.py visible_clause.
    """
CREATE OR REPLACE FUNCTION ret_case_visible(p_case bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
    SELECT CASE
        WHEN pg_has_role(session_user, 'ret_coordinator', 'MEMBER') THEN true
        WHEN EXISTS (SELECT 1 FROM emergency_access e
                      WHERE e.case_id = p_case AND e.account_id = ret_my_account_id()
                        AND e.expires_at > (now() AT TIME ZONE 'UTC')) THEN true
        WHEN pg_has_role(session_user, 'ret_chair', 'MEMBER') THEN EXISTS (
            SELECT 1 FROM agenda_item i JOIN table_session s ON s.id = i.session_id
             WHERE i.case_id = p_case
               AND (s.chair_account_id = ret_my_account_id()
                    OR EXISTS (SELECT 1 FROM session_member m
                                WHERE m.session_id = s.id AND m.account_id = ret_my_account_id()))
               AND (i.advice_recorded_at IS NULL
                    OR i.advice_recorded_at >= (now() AT TIME ZONE 'UTC') - make_interval(days =>
                       coalesce((SELECT round(r.value)::integer FROM region_setting r
                                  WHERE r.key = 'chair_access_days'), 90))))
        WHEN pg_has_role(session_user, 'ret_placement', 'MEMBER') THEN
            EXISTS (SELECT 1 FROM ret_case c JOIN route r ON r.key = c.current_route
                     WHERE c.id = p_case AND r.kind = 'placement')
            OR EXISTS (SELECT 1 FROM placement_request q WHERE q.case_id = p_case)
            OR EXISTS (SELECT 1 FROM placement p WHERE p.case_id = p_case)
        ELSE false
    END
$$""",
    """
CREATE OR REPLACE FUNCTION ret_case_is_candidate(p_case bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
    SELECT EXISTS (SELECT 1 FROM ret_case c JOIN route r ON r.key = c.current_route
                    WHERE c.id = p_case AND r.kind = 'advice_table')
$$""",
    """
CREATE OR REPLACE FUNCTION ret_youth_visible(p_youth bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
    SELECT EXISTS (SELECT 1 FROM ret_case c WHERE c.youth_id = p_youth AND ret_case_visible(c.id))
$$""",
    """
CREATE OR REPLACE FUNCTION ret_request_visible(p_request bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
    SELECT EXISTS (SELECT 1 FROM placement_request q WHERE q.id = p_request AND ret_case_visible(q.case_id))
$$""",
    """
CREATE OR REPLACE FUNCTION ret_agenda_item_visible(p_item bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
    SELECT EXISTS (SELECT 1 FROM agenda_item i WHERE i.id = p_item AND ret_case_visible(i.case_id))
$$""",
]

_BODIES.append("""
CREATE OR REPLACE FUNCTION ret_my_sitting(p_session bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
    SELECT EXISTS (SELECT 1 FROM table_session s WHERE s.id = p_session
                      AND (s.chair_account_id = ret_my_account_id()
                           OR EXISTS (SELECT 1 FROM session_member m
                                       WHERE m.session_id = s.id AND m.account_id = ret_my_account_id())))
$$""")

_EMERGENCY_CHECK = (
    "account_id = ret_my_account_id() AND length(btrim(reason)) >= 10 "
    "AND expires_at <= (now() AT TIME ZONE 'UTC') + interval '8 hours 1 minute'"
)


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    path = f"pg_catalog, {_quote_ident(schema)}"
    for body in _BODIES:
        op.execute(body.replace("{path}", path))
    for name, groups in _FUNCTIONS.items():
        op.execute(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {name} TO {groups}")
    for table, rule in _FOLLOW.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY ret_all ON {table} FOR ALL TO ret_coordinator USING (true) WITH CHECK (true)")
        op.execute(f"CREATE POLICY ret_rows ON {table} FOR ALL TO {_READERS} USING ({rule}) WITH CHECK ({rule})")
        if table in _READ_TOO:
            op.execute(f"CREATE POLICY ret_also_read ON {table} FOR SELECT TO ret_chair USING ({_READ_TOO[table]})")
        if table in _INSERT_TOO:
            op.execute(
                f"CREATE POLICY ret_candidate ON {table} FOR INSERT TO ret_chair WITH CHECK ({_INSERT_TOO[table]})"
            )
    op.execute("ALTER TABLE emergency_access ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY ret_own ON emergency_access FOR ALL TO ret_coordinator, ret_chair, ret_placement "
        f"USING (account_id = ret_my_account_id()) WITH CHECK ({_EMERGENCY_CHECK})"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP POLICY IF EXISTS ret_own ON emergency_access")
    op.execute("ALTER TABLE emergency_access DISABLE ROW LEVEL SECURITY")
    for table in _FOLLOW:
        for policy in ("ret_all", "ret_rows", "ret_also_read", "ret_candidate"):
            op.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for name in reversed(list(_FUNCTIONS)):
        op.execute(f"DROP FUNCTION IF EXISTS {name}")
