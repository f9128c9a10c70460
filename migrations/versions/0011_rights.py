"""The rights of child and parents: retention and destruction (issue 12 §3)

- `youth.birth_year` and `youth.destroyed_at` (both nullable, plain ADD COLUMN, so SQLite
  rebuilds no table that others refer to): a destroyed youth is a tombstone that keeps its
  birth year (and `birth_date` set to 1 January of it, the column stays NOT NULL).
- PostgreSQL: SECURITY DEFINER functions owned by the owner, since the administrator has
  no rights on children's tables (and row-level security of 0010 does not bind the owner):
  `ret_retention_candidates()` (ids, case numbers, framework, birth year, last change: no
  name, no BSN) for ret_admin and ret_coordinator; `ret_dossier_youth_id(bsn, case)` and
  `ret_dossier_destroy(youth id, reason)` for ret_admin only; `ret_audit_redact(...)`, the
  one redaction of audit events, for no group (the destroy function calls it).

The SQL here is a frozen copy of ret_desk/db/destruction.py and db/retention_data.py.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 23:20:00.000000
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

ADMIN, COORDINATOR = "ret_admin", "ret_coordinator"

_FUNCTIONS = {
    "ret_retention_candidates()": (ADMIN, COORDINATOR),
    "ret_dossier_youth_id(text, text)": (ADMIN,),
    "ret_dossier_destroy(bigint, text)": (ADMIN,),
    "ret_audit_redact(bigint, text[])": (),
}


def _is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def upgrade() -> None:
    op.add_column('youth', sa.Column('birth_year', sa.Integer(), nullable=True))
    op.add_column('youth', sa.Column('destroyed_at', sa.DateTime(), nullable=True))
    if not _is_postgresql():
        return
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar_one()
    path = f"pg_catalog, {_quote_ident(schema)}"
    for body in (_RETENTION, _REDACT, _YOUTH_ID, _DESTROY):
        op.execute(body.replace("{path}", path))
    for name, groups in _FUNCTIONS.items():
        op.execute(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC")
        if groups:
            op.execute(f"GRANT EXECUTE ON FUNCTION {name} TO {', '.join(groups)}")


def downgrade() -> None:
    if _is_postgresql():
        for name in reversed(list(_FUNCTIONS)):
            op.execute(f"DROP FUNCTION IF EXISTS {name}")
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch rebuild would drop `youth`,
    # which other tables refer to, with foreign keys on
    op.drop_column('youth', 'destroyed_at')
    op.drop_column('youth', 'birth_year')


# The last change of each youth's dossier (docs/privacy.md, "Bewaartermijn"): the latest
# date of any write on its cases and their records. Destroyed youths are left out.
_RETENTION = """
CREATE OR REPLACE FUNCTION ret_retention_candidates()
RETURNS TABLE (youth_id bigint, case_numbers text, legal_framework text, birth_year integer,
               last_change timestamp)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
    WITH w(case_id, at) AS (
        SELECT id, updated_at FROM ret_case
        UNION ALL SELECT id, created_at FROM ret_case
        UNION ALL SELECT id, referral_date::timestamp FROM ret_case
        UNION ALL SELECT case_id, at FROM route_assignment
        UNION ALL SELECT case_id, at FROM status_change
        UNION ALL SELECT case_id, created_at FROM note
        UNION ALL SELECT case_id, at FROM case_change
        UNION ALL SELECT a.case_id, s.held_on::timestamp FROM agenda_item a
                  JOIN table_session s ON s.id = a.session_id
        UNION ALL SELECT case_id, advice_recorded_at FROM agenda_item
        UNION ALL SELECT a.case_id, x.done_on::timestamp FROM action_item x
                  JOIN agenda_item a ON a.id = x.agenda_item_id
        UNION ALL SELECT case_id, created_at FROM placement_request
        UNION ALL SELECT r.case_id, m.at FROM match_decision m
                  JOIN placement_request r ON r.id = m.request_id
        UNION ALL SELECT case_id, created_at FROM placement
        UNION ALL SELECT case_id, ended_on::timestamp FROM placement
        UNION ALL SELECT case_id, created_at FROM mda_member
        UNION ALL SELECT case_id, created_at FROM mda_phase
        UNION ALL SELECT case_id, created_at FROM mda_safety_plan
        UNION ALL SELECT case_id, created_at FROM mda_risk_assessment
        UNION ALL SELECT case_id, created_at FROM mda_conference
        UNION ALL SELECT case_id, created_at FROM ro3_party
        UNION ALL SELECT case_id, created_at FROM ro3_agreement
        UNION ALL SELECT case_id, done_on::timestamp FROM ro3_agreement
        UNION ALL SELECT case_id, not_kept_on::timestamp FROM ro3_agreement
        UNION ALL SELECT case_id, created_at FROM ro3_review
        UNION ALL SELECT case_id, recorded_at FROM rst_deployment
    )
    SELECT y.id::bigint, string_agg(DISTINCT c.number, ', '), y.legal_framework,
           extract(year FROM y.birth_date)::integer, max(w.at)
      FROM youth y JOIN ret_case c ON c.youth_id = y.id JOIN w ON w.case_id = c.id
     WHERE y.destroyed_at IS NULL
     GROUP BY y.id, y.legal_framework, y.birth_date
$$"""

# The one redaction of audit events: every event about the youth or one of its cases, and
# every other event whose detail names one of `p_needles` (its BSN, its name, as typed in a
# search), loses its detail; the digest stays, so the chain still verifies (redacted_at).
_REDACT = """
CREATE OR REPLACE FUNCTION ret_audit_redact(p_youth_id bigint, p_needles text[])
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $$
DECLARE
    v_count integer;
BEGIN
    UPDATE audit_event e
       SET detail = '[verwijderd: dossier vernietigd]',
           redacted_at = now() AT TIME ZONE 'UTC'
     WHERE e.redacted_at IS NULL
       AND (e.youth_id = p_youth_id
            OR e.case_id IN (SELECT c.id FROM ret_case c WHERE c.youth_id = p_youth_id)
            OR EXISTS (SELECT 1 FROM unnest(p_needles) n
                        WHERE length(n) >= 3 AND strpos(lower(e.detail), lower(n)) > 0));
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END $$"""

_YOUTH_ID = """
CREATE OR REPLACE FUNCTION ret_dossier_youth_id(p_bsn text, p_case text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {path} AS $$
    SELECT y.id::bigint FROM youth y
     WHERE y.destroyed_at IS NULL
       AND ((p_bsn IS NOT NULL AND y.bsn = p_bsn)
            OR (p_case IS NOT NULL AND y.id IN (SELECT c.youth_id FROM ret_case c
                                                 WHERE lower(c.number) = lower(p_case))))
     LIMIT 1
$$"""

_DESTROY = """
CREATE OR REPLACE FUNCTION ret_dossier_destroy(p_youth_id bigint, p_reason text)
RETURNS TABLE (case_numbers text, redacted integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $$
DECLARE
    y record;
    v_cases bigint[];
    v_numbers text;
    v_needles text[];
    v_reason text := coalesce(p_reason, '');
    v_redacted integer;
    v_actor text := coalesce(nullif(current_setting('ret_desk.account', true), ''), session_user);
BEGIN
    SELECT * INTO y FROM youth WHERE id = p_youth_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Deze jeugdige bestaat niet.' USING ERRCODE = 'RD002';
    END IF;
    IF y.destroyed_at IS NOT NULL THEN
        RAISE EXCEPTION 'Dit dossier is al vernietigd.' USING ERRCODE = 'RD002';
    END IF;
    IF length(btrim(v_reason)) < 3 THEN
        RAISE EXCEPTION 'Geef de reden van de vernietiging.' USING ERRCODE = 'RD002';
    END IF;
    SELECT array_agg(id ORDER BY id), string_agg(number, ', ' ORDER BY number)
      INTO v_cases, v_numbers FROM ret_case WHERE youth_id = p_youth_id;
    v_cases := coalesce(v_cases, '{}');
    v_needles := array_remove(ARRAY[y.bsn, y.family_name, y.given_name || ' ' || y.family_name]
                 || ARRAY(SELECT name FROM family_member WHERE youth_id = p_youth_id)
                 || ARRAY(SELECT name FROM mda_member WHERE case_id = ANY(v_cases)), NULL);
    IF EXISTS (SELECT 1 FROM unnest(v_needles) n
                WHERE length(n) >= 3 AND strpos(lower(v_reason), lower(n)) > 0) THEN
        v_reason := '(de reden noemde de jeugdige en is niet bewaard)';
    END IF;

    UPDATE ret_case SET referrer_organisation = '', referrer_contact = '', help_question = '',
           case_manager = '', future_plan_text = '', gva_override_reason = '', gva_override_by = ''
     WHERE id = ANY(v_cases);
    DELETE FROM family_member WHERE youth_id = p_youth_id;
    DELETE FROM note WHERE case_id = ANY(v_cases);
    DELETE FROM case_change WHERE case_id = ANY(v_cases) OR youth_id = p_youth_id;
    UPDATE route_assignment SET reason = '' WHERE case_id = ANY(v_cases);
    UPDATE status_change SET reason = '' WHERE case_id = ANY(v_cases);
    UPDATE agenda_item SET question = '', presenter = '', considerations = '', advice_text = '',
           follow_up_outcome = '' WHERE case_id = ANY(v_cases);
    UPDATE action_item SET description = '', owner = ''
     WHERE agenda_item_id IN (SELECT id FROM agenda_item WHERE case_id = ANY(v_cases));
    UPDATE placement_request SET higher_rung_reason = '', specialisms = '', sibling_cases = '',
           school_to_keep = '', school_municipality = '', contra_indications = ''
     WHERE case_id = ANY(v_cases);
    UPDATE match_decision SET snapshot = '[]', rationale = '', decline_reason = ''
     WHERE request_id IN (SELECT id FROM placement_request WHERE case_id = ANY(v_cases));
    UPDATE placement SET rationale = '' WHERE case_id = ANY(v_cases) OR youth_id = p_youth_id;
    DELETE FROM mda_member WHERE case_id = ANY(v_cases);
    UPDATE mda_safety_plan SET text = '' WHERE case_id = ANY(v_cases);
    UPDATE mda_conference SET participants = '', outcome = '' WHERE case_id = ANY(v_cases);
    UPDATE ro3_party SET contact = '' WHERE case_id = ANY(v_cases);
    UPDATE ro3_agreement SET what = '', consequence = '' WHERE case_id = ANY(v_cases);
    UPDATE ro3_review SET report = '' WHERE case_id = ANY(v_cases);
    UPDATE rst_deployment SET purpose = '', outcome = '' WHERE case_id = ANY(v_cases);
    UPDATE emergency_access SET reason = '' WHERE case_id = ANY(v_cases);
    UPDATE youth SET family_name = '', given_name = '', bsn = NULL, gender = 'o', address = '',
           postcode = '', residence = '', school = NULL, no_school = false, out_of_school_since = NULL,
           birth_year = extract(year FROM birth_date)::integer,
           birth_date = date_trunc('year', birth_date)::date,
           destroyed_at = now() AT TIME ZONE 'UTC', version = version + 1
     WHERE id = p_youth_id;

    v_redacted := ret_audit_redact(p_youth_id, v_needles);
    INSERT INTO audit_event (at, actor_account_id, actor_name, on_behalf_of, workstation,
                             youth_id, action, detail)
    VALUES (now() AT TIME ZONE 'UTC',
            (SELECT a.id FROM account a WHERE a.username = v_actor),
            left(v_actor, 64),
            left(coalesce(current_setting('ret_desk.on_behalf_of', true), ''), 100),
            left(coalesce(current_setting('ret_desk.workstation', true), ''), 255),
            p_youth_id, 'dossier_destroy',
            'dossier vernietigd (' || coalesce(array_length(v_cases, 1), 0) || ' casus(sen), '
              || v_redacted || ' logboekregels geredigeerd); reden: ' || left(v_reason, 500));
    RETURN QUERY SELECT coalesce(v_numbers, ''), v_redacted;
END $$"""
