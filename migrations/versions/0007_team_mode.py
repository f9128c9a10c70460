"""Team mode: rules held by the database, a chained audit log, roles and server-side audit
(issue 10)

One migration in parts, each in its own function so that each part reads on its own.
The parts that only make sense on PostgreSQL (roles, grants, triggers) check the dialect
themselves; the constraints and the chain hold on both stores.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 17:30:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa  # noqa: F401  (used by the parts below)
from alembic import op  # noqa: F401

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    _upgrade_placement_rules()
    _upgrade_numbers_agenda()
    _upgrade_audit_chain()
    _upgrade_server_audit()
    # Last: the grants cover every table the parts above made.
    _upgrade_roles()


def downgrade() -> None:
    _downgrade_roles()
    _downgrade_server_audit()
    _downgrade_audit_chain()
    _downgrade_numbers_agenda()
    _downgrade_placement_rules()


def _is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


# --- placement rules: one running placement per youth, one open request per case, places ---


def _upgrade_placement_rules() -> None:
    pass


def _downgrade_placement_rules() -> None:
    pass


# --- case numbers that cannot collide; one agenda item per case per sitting ---------------


def _upgrade_numbers_agenda() -> None:
    pass


def _downgrade_numbers_agenda() -> None:
    pass


# --- the audit chain -----------------------------------------------------------------------


def _upgrade_audit_chain() -> None:
    pass


def _downgrade_audit_chain() -> None:
    pass


# --- server-side audit of writes (PostgreSQL) -----------------------------------------------


def _upgrade_server_audit() -> None:
    pass


def _downgrade_server_audit() -> None:
    pass


# --- group roles, grants and account functions (PostgreSQL) --------------------------------


def _upgrade_roles() -> None:
    """Group roles (cluster-wide, made once), the account functions, and the GRANTs of
    ret_desk/db/grants.py (per database). PostgreSQL only: SQLite is one workstation."""
    if not _is_postgresql():
        return
    from ret_desk.db import grants

    bind = op.get_bind()
    for group in grants.ALL:
        _run(_CREATE_GROUP.replace("{group}", group))
    for statement in _ROLE_FUNCTIONS:
        _run(statement)
    for name, groups in _FUNCTION_GRANTS.items():
        _run(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        if groups:
            _run(f"GRANT EXECUTE ON FUNCTION {name} TO {', '.join(groups)}")
    grants.apply(bind)


def _downgrade_roles() -> None:
    """Revoke the grants and drop the functions. The group roles stay: they belong to the
    whole server, and other databases (or login roles) may still use them."""
    if not _is_postgresql():
        return
    from ret_desk.db import grants

    grants.revoke(op.get_bind())
    for name in reversed(list(_FUNCTION_GRANTS)):
        _run(f"DROP FUNCTION IF EXISTS {name}")


def _run(sql: str) -> None:
    """One statement as written (PL/pgSQL uses % and :=, which no driver may rewrite)."""
    with op.get_bind().connection.dbapi_connection.cursor() as cursor:
        cursor.execute(sql)


# A role is cluster-wide: create it when missing, and let a concurrent creator win.
_CREATE_GROUP = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN
        CREATE ROLE {group} NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END
$$
"""

_ADMINS = ("ret_admin",)
_AUDIT_READERS = ("ret_auditor", "ret_admin")
_EVERYONE = ("ret_coordinator", "ret_chair", "ret_placement", "ret_auditor", "ret_admin")
_FUNCTION_GRANTS = {
    "ret_login_role(text)": _EVERYONE,
    "ret_whoami()": _EVERYONE,
    "ret_change_own_password(text, text)": _EVERYONE,
    "ret_account_create(text, text, text, text, text)": _ADMINS,
    "ret_account_set_active(text, boolean, integer)": _ADMINS,
    "ret_account_set_role(text, text, integer)": _ADMINS,
    "ret_account_set_password(text, text, text, boolean, integer)": _ADMINS,
    "ret_audit_youth_ids(text, text, text)": _AUDIT_READERS,
    "ret_audit_case_ids(integer[])": _AUDIT_READERS,
    "ret_audit_case_id(text)": _AUDIT_READERS,
    "ret_audit_youth_name(integer)": _AUDIT_READERS,
    # helpers of the functions above, which run them as the owner
    "ret_group(text)": (),
    "ret_check_login(text)": (),
    "ret_check_verifier(text)": (),
    "ret_account_row(text, integer)": (),
}

# Every function that changes a role is SECURITY DEFINER, owned by the owner who runs the
# migration, with a fixed search_path; it touches only login roles named ret_u_<user
# name> that are members of a ret_* group, and the five groups. Errors carry SQLSTATE
# RD001 (someone else changed the account) or RD002 (refused, Dutch message).
_ROLE_FUNCTIONS = [
    """
CREATE OR REPLACE FUNCTION ret_login_role(p_username text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$ SELECT 'ret_u_' || p_username $$
""",
    """
CREATE OR REPLACE FUNCTION ret_group(p_role text) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
    RETURN CASE p_role
        WHEN 'coordinator' THEN 'ret_coordinator'
        WHEN 'chair' THEN 'ret_chair'
        WHEN 'placement_officer' THEN 'ret_placement'
        WHEN 'auditor' THEN 'ret_auditor'
        WHEN 'admin' THEN 'ret_admin'
    END;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_whoami()
RETURNS TABLE (account_id integer, username text, role text, active boolean,
               must_change_password boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT a.id, a.username::text, a.role::text, a.active, a.must_change_password
    FROM public.account a WHERE ret_login_role(a.username) = session_user
$$
""",
    """
CREATE OR REPLACE FUNCTION ret_check_login(p_login text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    -- Only our own logins: a role called ret_u_... that is in one of the five groups.
    IF NOT EXISTS (
        SELECT 1 FROM pg_auth_members m
        JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
        WHERE r.rolname = p_login AND NOT r.rolsuper AND g.rolname IN
            ('ret_coordinator', 'ret_chair', 'ret_placement', 'ret_auditor', 'ret_admin')
    ) THEN
        RAISE EXCEPTION 'De databaselogin % hoort niet bij RET Desk.', p_login USING ERRCODE = 'RD002';
    END IF;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_check_verifier(p_verifier text) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
BEGIN
    -- Never a password in clear text: it would land in the server's statement log.
    IF p_verifier IS NULL OR p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'Alleen een SCRAM-verifier, geen wachtwoord.' USING ERRCODE = 'RD002';
    END IF;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_create(
    p_username text, p_display_name text, p_role text, p_verifier text, p_hash text)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_login text := ret_login_role(p_username);
    v_group text := ret_group(p_role);
    v_id integer;
BEGIN
    PERFORM ret_check_verifier(p_verifier);
    IF v_group IS NULL THEN
        RAISE EXCEPTION 'Onbekende rol %.', p_role USING ERRCODE = 'RD002';
    END IF;
    IF octet_length(v_login) > 63 THEN
        RAISE EXCEPTION 'De gebruikersnaam % is te lang voor PostgreSQL.', p_username USING ERRCODE = 'RD002';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_login) THEN
        RAISE EXCEPTION 'De databaselogin % bestaat al op deze server.', v_login USING ERRCODE = 'RD002';
    END IF;
    INSERT INTO public.account (username, display_name, role, password_hash, active,
                                must_change_password, created_at, version)
    VALUES (p_username, p_display_name, p_role, p_hash, true, false, now(), 1)
    RETURNING id INTO v_id;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', v_login, p_verifier, v_group);
    RETURN v_id;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_row(p_username text, p_version integer)
RETURNS public.account
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account;
BEGIN
    SELECT * INTO v_row FROM public.account WHERE username = p_username FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Het account % bestaat niet.', p_username USING ERRCODE = 'RD002';
    END IF;
    IF p_version IS NOT NULL AND v_row.version <> p_version THEN
        RAISE EXCEPTION 'Iemand anders heeft het account % intussen gewijzigd.', p_username
            USING ERRCODE = 'RD001';
    END IF;
    PERFORM ret_check_login(ret_login_role(p_username));
    RETURN v_row;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_set_active(p_username text, p_active boolean, p_version integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account := ret_account_row(p_username, p_version);
BEGIN
    IF NOT p_active AND ret_login_role(p_username) = session_user THEN
        RAISE EXCEPTION 'U kunt uw eigen account niet deactiveren.' USING ERRCODE = 'RD002';
    END IF;
    UPDATE public.account SET active = p_active, version = version + 1 WHERE id = v_row.id;
    EXECUTE format('ALTER ROLE %I %s', ret_login_role(p_username),
                   CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
    RETURN v_row.version + 1;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_set_role(p_username text, p_role text, p_version integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account := ret_account_row(p_username, p_version);
    v_login text := ret_login_role(p_username);
    v_group text := ret_group(p_role);
    v_old text;
BEGIN
    IF v_group IS NULL THEN
        RAISE EXCEPTION 'Onbekende rol %.', p_role USING ERRCODE = 'RD002';
    END IF;
    IF v_login = session_user THEN
        RAISE EXCEPTION 'U kunt uw eigen rol niet wijzigen; vraag een andere beheerder.'
            USING ERRCODE = 'RD002';
    END IF;
    UPDATE public.account SET role = p_role, version = version + 1 WHERE id = v_row.id;
    FOREACH v_old IN ARRAY ARRAY['ret_coordinator', 'ret_chair', 'ret_placement', 'ret_auditor',
                                 'ret_admin'] LOOP
        IF v_old <> v_group AND pg_has_role(v_login, v_old, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', v_old, v_login);
        END IF;
    END LOOP;
    EXECUTE format('GRANT %I TO %I', v_group, v_login);
    RETURN v_row.version + 1;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_account_set_password(
    p_username text, p_verifier text, p_hash text, p_must_change boolean, p_version integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account := ret_account_row(p_username, p_version);
BEGIN
    PERFORM ret_check_verifier(p_verifier);
    UPDATE public.account SET password_hash = p_hash, must_change_password = p_must_change,
        version = version + 1 WHERE id = v_row.id;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', ret_login_role(p_username), p_verifier);
    RETURN v_row.version + 1;
END $$
""",
    """
CREATE OR REPLACE FUNCTION ret_change_own_password(p_verifier text, p_hash text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    v_row public.account;
BEGIN
    PERFORM ret_check_verifier(p_verifier);
    SELECT * INTO v_row FROM public.account WHERE ret_login_role(username) = session_user FOR UPDATE;
    IF NOT FOUND OR NOT v_row.active THEN
        RAISE EXCEPTION 'Deze databaselogin hoort niet bij een actief RET Desk-account.'
            USING ERRCODE = 'RD002';
    END IF;
    PERFORM ret_check_login(session_user);
    UPDATE public.account SET password_hash = p_hash, must_change_password = false,
        version = version + 1 WHERE id = v_row.id;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, p_verifier);
END $$
""",
    # The auditor searches the log by BSN, case number or name without reading the youth's
    # record: these return ids only (issue 10 §2).
    """
CREATE OR REPLACE FUNCTION ret_audit_youth_ids(p_bsn text, p_case text, p_name text)
RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT y.id FROM public.youth y WHERE p_bsn IS NOT NULL AND y.bsn = p_bsn
    UNION
    SELECT c.youth_id FROM public.ret_case c WHERE p_case IS NOT NULL AND lower(c.number) = lower(p_case)
    UNION
    SELECT y.id FROM public.youth y WHERE p_name IS NOT NULL
        AND (lower(y.given_name || ' ' || y.family_name) LIKE p_name ESCAPE '\\'
             OR lower(y.family_name) LIKE p_name ESCAPE '\\')
$$
""",
    """
CREATE OR REPLACE FUNCTION ret_audit_case_ids(p_youth_ids integer[]) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT c.id FROM public.ret_case c WHERE c.youth_id = ANY (p_youth_ids)
$$
""",
    """
CREATE OR REPLACE FUNCTION ret_audit_youth_name(p_youth_id integer) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    -- only a youth the log speaks of: no walking through the youth table by id
    SELECT y.given_name || ' ' || y.family_name FROM public.youth y WHERE y.id = p_youth_id
        AND EXISTS (SELECT 1 FROM public.audit_event e WHERE e.youth_id = p_youth_id)
$$
""",
    """
CREATE OR REPLACE FUNCTION ret_audit_case_id(p_number text) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT c.id FROM public.ret_case c WHERE c.number = p_number
$$
""",
]
