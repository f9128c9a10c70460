"""Inspection: a youth's own access log for the dossier export (issue 12 §3)

On PostgreSQL a coordinator may not read the audit log. The dossier export (the right of
inspection) lists who accessed the youth's dossier, through `ret_dossier_access_log(youth
id)`: SECURITY DEFINER, owned by the owner, EXECUTE for `ret_coordinator` only. It returns
the events of that youth, of its cases and of the youths merged into it (followed through
the `youth_merge` events, as ret_desk/db/dossier_access.py does on SQLite), and only the
columns when, who, on whose behalf, workstation, action and case number: never an event's
free detail. SQLite needs nothing: the app reads its own log there.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 23:20:00.000000
"""
from __future__ import annotations

from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

_FUNCTION = "ret_dossier_access_log(bigint)"


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_ACCESS_LOG = """
CREATE OR REPLACE FUNCTION ret_dossier_access_log(p_youth_id bigint)
RETURNS TABLE (at timestamp, actor_name text, on_behalf_of text, workstation text,
               action text, case_number text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
    WITH RECURSIVE merged(youth_id) AS (
        SELECT p_youth_id
        UNION
        SELECT substring(e.detail FROM '#([0-9]+)')::bigint
          FROM audit_event e JOIN merged m ON e.youth_id = m.youth_id
         WHERE e.action = 'youth_merge' AND e.detail ~ '#[0-9]+'
    )
    SELECT e.at, e.actor_name::text, e.on_behalf_of::text, e.workstation::text,
           e.action::text, e.case_number::text
      FROM audit_event e
     WHERE e.youth_id IN (SELECT youth_id FROM merged)
        OR e.case_id IN (SELECT c.id FROM ret_case c WHERE c.youth_id = p_youth_id)
     ORDER BY e.at, e.id
$$"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    op.execute(_ACCESS_LOG.replace("{path}", f"pg_catalog, {_quote_ident(schema)}"))
    op.execute(f"REVOKE ALL ON FUNCTION {_FUNCTION} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {_FUNCTION} TO ret_coordinator")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {_FUNCTION}")
