"""Hardening: a login that withstands guessing (issue 11 §3)

Two columns on `account` on both stores: `failed_logins` (wrong passwords in a row) and
`locked_until` (the end of a lock after 5 of them; ret_desk/domain/lockout.py). On SQLite
the app keeps them (services/admin/accounts.py). On PostgreSQL they are kept by functions
(docs/postgresql.md, "Vergrendeling na mislukte aanmeldingen"):

- `ret_record_failed_login` (the gate's function of 0007, now with a count): the 5th wrong
  password in a row sets `locked_until` and makes the person's login role unusable with
  `VALID UNTIL '-infinity'`, so that a direct psql login is refused as well, with
  PostgreSQL's ordinary "password authentication failed" (NOLOGIN would answer "not
  permitted to log in" only to the right password, which tells a guesser it was right);
- `ret_release_expired_lock` (the gate may call it too): a lock whose 15 minutes are over
  is lifted when PostgreSQL refused a login, and the app tries that login once more;
- `ret_login_succeeded` (every person's login): a successful login resets the count;
- `ret_account_unlock` (the administrator): lifts a lock at once, audited.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 20:30:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

GATE_ROLE = "ret_gate"
_EVERYONE = "ret_coordinator, ret_chair, ret_placement, ret_auditor, ret_admin, ret_pending"
_FUNCTION_GRANTS = {
    "ret_set_login_lock(text, boolean)": "",
    "ret_record_failed_login(text, text, text, text)": GATE_ROLE,
    "ret_release_expired_lock(text)": GATE_ROLE,
    "ret_login_succeeded()": _EVERYONE,
    "ret_account_unlock(text, integer)": "ret_admin",
}


def upgrade() -> None:
    op.add_column('account', sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('account', sa.Column('locked_until', sa.DateTime(), nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    from ret_desk.db import grants

    _run("DROP FUNCTION IF EXISTS ret_record_failed_login(text, text)")
    for statement in _FUNCTIONS:
        _run(statement)
    for name, groups in _FUNCTION_GRANTS.items():
        _run(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        if groups:
            _run(f"GRANT EXECUTE ON FUNCTION {name} TO {groups}")
    grants.apply(op.get_bind())  # the administrator's SELECT now names the two new columns


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _run(
            "SELECT ret_set_login_lock(username, false) FROM public.account WHERE locked_until IS NOT NULL"
        )
        for name in reversed(list(_FUNCTION_GRANTS)):
            _run(f"DROP FUNCTION IF EXISTS {name}")
        _run(_GATE_FUNCTION_0007)
        _run("REVOKE ALL ON FUNCTION ret_record_failed_login(text, text) FROM PUBLIC")
        _run(f"GRANT EXECUTE ON FUNCTION ret_record_failed_login(text, text) TO {GATE_ROLE}")
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')


def _run(sql: str) -> None:
    """One statement as written (PL/pgSQL uses % and :=, which no driver may rewrite)."""
    with op.get_bind().connection.dbapi_connection.cursor() as cursor:
        cursor.execute(sql)


_FUNCTIONS = [
    # Only our own logins (the rule of 0007's ret_check_login); any other name: nothing.
    """
CREATE OR REPLACE FUNCTION ret_set_login_lock(p_username text, p_locked boolean) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_login text := 'ret_u_' || p_username;
BEGIN
    IF EXISTS (
        SELECT 1 FROM pg_auth_members m
        JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
        WHERE r.rolname = v_login AND NOT r.rolsuper AND g.rolname IN
            ('ret_coordinator', 'ret_chair', 'ret_placement', 'ret_auditor', 'ret_admin', 'ret_pending')
    ) THEN
        EXECUTE format('ALTER ROLE %I VALID UNTIL %L', v_login,
                       CASE WHEN p_locked THEN '-infinity' ELSE 'infinity' END);
    END IF;
END $$
""",
    # A refused login: the reason (the function finds it itself: the gate is public and
    # tells it nothing but the name), the count, and at the 5th wrong password the lock.
    """
CREATE OR REPLACE FUNCTION ret_record_failed_login(
    p_username text, p_workstation text, p_on_behalf_of text DEFAULT '', p_during text DEFAULT '')
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_now timestamp := clock_timestamp() AT TIME ZONE 'UTC';
    v_name text := left(coalesce(p_username, ''), 64);
    v_station text := left(coalesce(p_workstation, ''), 255);
    v_row public.account;
    v_why text;
    v_failed integer := 0;
BEGIN
    SELECT * INTO v_row FROM public.account WHERE username = v_name FOR UPDATE;
    IF NOT FOUND THEN
        v_why := 'onbekende gebruikersnaam';
    ELSIF v_row.locked_until IS NOT NULL AND v_row.locked_until > v_now THEN
        v_why := 'account vergrendeld';
    ELSIF NOT v_row.active THEN
        v_why := 'account gedeactiveerd';
    ELSE
        v_why := 'onjuist wachtwoord';
        IF v_row.locked_until IS NOT NULL THEN  -- a lock whose time is over: lifted
            PERFORM ret_set_login_lock(v_name, false);
        END IF;
        UPDATE public.account SET failed_logins = failed_logins + 1, locked_until = NULL
         WHERE id = v_row.id RETURNING failed_logins INTO v_failed;
    END IF;
    IF coalesce(p_during, '') <> '' THEN
        v_why := v_why || ' (' || left(p_during, 40) || ')';
    END IF;
    IF session_user = 'ret_gate' THEN  -- the address the server saw, not what the gate says
        v_why := v_why || ' (geweigerd door PostgreSQL'
                 || coalesce(', vanaf ' || host(inet_client_addr()), '') || ')';
    END IF;
    INSERT INTO public.audit_event (at, actor_account_id, actor_name, on_behalf_of, workstation,
                                    action, detail)
    VALUES (v_now, v_row.id, v_name, left(coalesce(p_on_behalf_of, ''), 100), v_station,
            'login_failed', v_why);
    IF v_failed >= 5 THEN
        UPDATE public.account SET failed_logins = 0, locked_until = v_now + interval '15 minutes'
         WHERE id = v_row.id;
        PERFORM ret_set_login_lock(v_name, true);
        INSERT INTO public.audit_event (at, actor_account_id, actor_name, on_behalf_of, workstation,
                                        action, detail)
        VALUES (v_now, v_row.id, v_name, left(coalesce(p_on_behalf_of, ''), 100), v_station,
                'account_locked',
                format('account %s vergrendeld tot %s UTC na %s mislukte aanmeldingen op rij',
                       v_name, to_char(v_now + interval '15 minutes', 'YYYY-MM-DD HH24:MI:SS'),
                       v_failed));
    END IF;
END $$
""",
    # When PostgreSQL refused a login: a lock whose time is over is lifted (true), and the
    # app tries once more; the gate learns nothing else (false also for an unknown name).
    """
CREATE OR REPLACE FUNCTION ret_release_expired_lock(p_username text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account;
BEGIN
    SELECT * INTO v_row FROM public.account WHERE username = left(coalesce(p_username, ''), 64)
       FOR UPDATE;
    IF FOUND AND v_row.locked_until IS NOT NULL
       AND v_row.locked_until <= clock_timestamp() AT TIME ZONE 'UTC' THEN
        UPDATE public.account SET locked_until = NULL, failed_logins = 0 WHERE id = v_row.id;
        PERFORM ret_set_login_lock(v_row.username, false);
        RETURN true;
    END IF;
    RETURN false;
END $$
""",
    # A person's login connected (PostgreSQL checked the password): the count starts over.
    """
CREATE OR REPLACE FUNCTION ret_login_succeeded() RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    UPDATE public.account SET failed_logins = 0
     WHERE ret_login_role(username) = session_user AND failed_logins <> 0;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_unlock(p_username text, p_version integer) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account := ret_account_row(p_username, p_version);
BEGIN
    UPDATE public.account SET failed_logins = 0, locked_until = NULL, version = version + 1
     WHERE id = v_row.id;
    PERFORM ret_set_login_lock(p_username, false);
    PERFORM ret_account_audit('account_unlock', format('account %s', p_username));
    RETURN v_row.version + 1;
END $$
""",
]

# 0007's gate function, for the downgrade.
_GATE_FUNCTION_0007 = """
CREATE FUNCTION ret_record_failed_login(p_username text, p_workstation text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    INSERT INTO audit_event (at, actor_name, on_behalf_of, workstation, action, detail)
    VALUES (now() AT TIME ZONE 'UTC', left(coalesce(p_username, ''), 64), '',
            left(coalesce(p_workstation, ''), 255), 'login_failed',
            'geweigerd door PostgreSQL');
END $$"""
